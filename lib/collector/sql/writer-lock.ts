import * as fs from 'node:fs';

/** Thrown when another live process already writes to a collector database. */
export class DatabaseInUseError extends Error {
  constructor(file: string, pid: number) {
    super(`the collector database ${file} is in use by process ${pid}: stop it, or use another --db file`);
    this.name = 'DatabaseInUseError';
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Makes this process the one writer of a database file that the WebAssembly engine opens (its
 * locks are lock directories, which a killed process leaves behind): a `<file>.writer` file holds
 * the owner's pid. A live owner is refused; a dead one's pid file and stale lock directory are
 * cleared, and SQLite then rolls back whatever journal it left. Returns the release.
 */
export function claimFile(file: string): () => void {
  const owner = `${file}.writer`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(owner, String(process.pid), { flag: 'wx' });
      let released = false;
      return () => {
        if (released) return;
        released = true;
        fs.rmSync(owner, { force: true });
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const pid = Number(fs.readFileSync(owner, 'utf8'));
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid))
        throw new DatabaseInUseError(file, pid);
      fs.rmSync(owner, { force: true });
      fs.rmSync(`${file}.lock`, { recursive: true, force: true });
    }
  }
  throw new Error(`cannot claim ${owner}`);
}
