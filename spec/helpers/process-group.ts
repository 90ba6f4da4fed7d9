import type { ChildProcess, SpawnOptions } from 'node:child_process';
import { spawn } from 'node:child_process';

/** A command started in a process group of its own, and the way to end all of it. */
export interface GroupProcess {
  readonly child: ChildProcess;
  /**
   * Ends the whole group (the command and whatever it started: `npx` runs the CLI as its child,
   * which `child.kill()` alone leaves running): SIGTERM, then SIGKILL after `graceMs`; resolves
   * once the command has exited.
   */
  end(graceMs?: number): Promise<void>;
}

/** Starts `command` as the leader of a new process group (POSIX), so `end()` reaches its descendants. */
export function spawnGroup(
  command: string,
  args: readonly string[],
  options: SpawnOptions = {},
): GroupProcess {
  const child = spawn(command, args, { ...options, detached: true });
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
  const signal = (sig: NodeJS.Signals): void => {
    try {
      if (child.pid !== undefined) process.kill(-child.pid, sig);
    } catch {
      // the group is gone already
    }
  };
  return {
    child,
    async end(graceMs = 3000) {
      signal('SIGTERM');
      const timer = setTimeout(() => signal('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
      signal('SIGKILL'); // descendants that outlived the leader
    },
  };
}
