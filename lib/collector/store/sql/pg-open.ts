import { describeDatabaseUrl, withoutPassword } from './database-url';
import { openPostgresConnection } from './pg-driver';
import { migratePostgres, PgSchemaVersionError } from './pg-schema';
import type { SqlDatabase } from './SqlDatabase';
import { MissingDependencyError } from '../load-optional';

/**
 * Opens the collector database on PostgreSQL: connects (an unreachable server is an error naming
 * host and database, never the password), then creates or migrates the schema under a lock that
 * several nodes starting together share.
 */
export function openPostgres(url: string): SqlDatabase {
  const where = describeDatabaseUrl(url);
  let db: SqlDatabase;
  try {
    db = openPostgresConnection(url);
  } catch (err) {
    if (err instanceof MissingDependencyError) throw err;
    throw new Error(
      `cannot open the collector database ${where}: ${withoutPassword((err as Error).message, url)}`,
    );
  }
  try {
    db.prepare('SELECT 1').get();
    migratePostgres(db);
  } catch (err) {
    db.close();
    if (err instanceof PgSchemaVersionError) throw err;
    throw new Error(
      `cannot open the collector database ${where}: ${withoutPassword((err as Error).message, url)}`,
    );
  }
  return db;
}
