import * as start from '../../lib/collector/start-collector';
import type { CollectorOptions } from '../../lib/collector/start-collector';
import { pgCluster, stopPgCluster } from './pg-cluster';

/**
 * For `npm run test:postgres`: the collector specs again, each collector they start with
 * `dbPath: ':memory:'` given a fresh PostgreSQL database instead (on the suite's own server), so
 * the same storage and API specs run on both engines.
 */
const original = start.startCollector;
let onPostgres = 0;
(start as { startCollector: typeof original }).startCollector = async (options: CollectorOptions = {}) => {
  if (options.database === undefined && (options.dbPath === ':memory:' || options.dbPath === undefined)) {
    const cluster = await pgCluster();
    if (!cluster) throw new Error('test:postgres needs PostgreSQL (apt-get install postgresql)');
    const collector = await original({
      ...options,
      dbPath: undefined,
      database: await cluster.createDatabase(),
    });
    if (collector.storage === 'pg') onPostgres++;
    return collector;
  }
  return original(options);
};

export const mochaHooks = {
  async afterAll(this: Mocha.Context): Promise<void> {
    this.timeout(30_000);
    console.log(`  ${onPostgres} collectors of these specs stored in PostgreSQL`);
    if (onPostgres === 0) throw new Error('no collector ran on PostgreSQL');
    await stopPgCluster();
  },
};
