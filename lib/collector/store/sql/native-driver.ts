import type BetterSqlite3 from 'better-sqlite3';
import { requireOptional } from '../load-optional';
import type { SqlDatabase } from './SqlDatabase';

/** Whether better-sqlite3 is installed and loads (it is native: built for this platform). */
export function nativeAvailable(): boolean {
  try {
    requireOptional('better-sqlite3');
    return true;
  } catch {
    return false;
  }
}

/** Opens a database with better-sqlite3 (native, fastest; WAL). */
export function openNative(file: string): SqlDatabase {
  const Driver = requireOptional<typeof BetterSqlite3>('better-sqlite3');
  const db = new Driver(file);
  return {
    driver: 'better-sqlite3',
    dialect: 'sqlite',
    file,
    prepare: (sql) => db.prepare(sql),
    exec: (sql) => void db.exec(sql),
    transaction: (fn) => db.transaction(fn),
    pragma: (source, options) => db.pragma(source, options),
    close: () => db.close(),
  };
}
