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
 * Puts `<owner>` in place holding this process's pid, atomically: the pid is written to a file
 * of this process's own, which is then hard-linked to the owner's name (a link fails when the
 * name exists, and another process never sees the file empty). Throws EEXIST when taken.
 */
function linkOwner(owner: string): void {
  const mine = `${owner}.${process.pid}`;
  fs.writeFileSync(mine, String(process.pid));
  try {
    fs.linkSync(mine, owner);
  } finally {
    fs.rmSync(mine, { force: true });
  }
}

/**
 * Makes this process the one collector writing a database file (whichever engine): a
 * `<file>.writer` file holds the owner's pid. A live owner is refused, also when two collectors
 * start at the same moment on a new file (the claim is atomic, and comes before the file is
 * opened, so the refused one has not touched it); a dead one's pid file and the stale lock
 * directory of the WebAssembly engine are cleared, and SQLite then recovers whatever journal it
 * left. Returns the release.
 */
export function claimFile(file: string): () => void {
  const owner = `${file}.writer`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      linkOwner(owner);
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
