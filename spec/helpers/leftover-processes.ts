import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';

/**
 * Every process a spec starts inherits this marker in its environment (children, and their
 * children: `npx` → `hivetrace serve`, a browser and its helpers), so the processes the suite
 * left behind can be found at its end, whoever started them. Set once, by the suite's process.
 */
export const SPEC_RUN_ENV = 'HIVETRACE_SPEC_RUN';

/** Marks this process (and so all it starts) as the suite's; returns the marker. */
export function markSuiteProcess(): string {
  process.env[SPEC_RUN_ENV] ??= randomUUID();
  return process.env[SPEC_RUN_ENV];
}

/** A live process that carries the marker. */
export interface Leftover {
  readonly pid: number;
  readonly command: string;
}

/**
 * Processes other than this one that carry `marker` in their environment (Linux: read from
 * /proc; elsewhere nothing can be seen and the list is empty). Zombies carry no environment.
 */
export function processesMarked(marker: string): Leftover[] {
  if (process.platform !== 'linux') return [];
  const needle = Buffer.from(`${SPEC_RUN_ENV}=${marker}\0`);
  const found: Leftover[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid) || pid === process.pid) continue;
    try {
      if (!fs.readFileSync(`/proc/${pid}/environ`).includes(needle)) continue;
      const command = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim();
      found.push({ pid, command: command.slice(0, 200) });
    } catch {
      // gone meanwhile, or not ours to read
    }
  }
  return found;
}

/**
 * Waits up to `graceMs` for the marked processes to end (a spec's `kill()` takes a moment),
 * then kills what is left and answers it.
 */
export async function reapLeftovers(marker: string, graceMs = 5000): Promise<Leftover[]> {
  const deadline = Date.now() + graceMs;
  let left = processesMarked(marker);
  while (left.length > 0 && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
    left = processesMarked(marker);
  }
  for (const p of left) {
    try {
      process.kill(p.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  return left;
}
