import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * Runs a client script (spec/helpers/clients/*.ts) as its own process, loopback-only, with every
 * telemetry switch of the third-party SDKs off. Returns the JSON object its last stdout line
 * holds, and fails when the client tried to reach anything but 127.0.0.1.
 */
export async function runClient<T = Record<string, unknown>>(
  script: string,
  args: string[],
  env: Record<string, string> = {},
): Promise<T> {
  const root = path.join(__dirname, '../..');
  const { stdout, stderr } = await run(
    process.execPath,
    [
      '-r',
      path.join(__dirname, 'clients/loopback-only.js'),
      '-r',
      'ts-node/register/transpile-only',
      path.join(__dirname, 'clients', script),
      ...args,
    ],
    {
      cwd: root,
      timeout: 60_000,
      maxBuffer: 16 * 1024 * 1024,
      env: {
        ...process.env,
        TRACELOOP_TELEMETRY: 'false',
        HONEYHIVE_TELEMETRY: 'false',
        TRACELOOP_SYNC_ENABLED: 'false',
        OTEL_SDK_DISABLED: '',
        ...env,
      },
    },
  );
  if (/^BLOCKED /m.test(stderr)) throw new Error(`${script} tried to leave 127.0.0.1:\n${stderr}`);
  const last = stdout.trim().split('\n').pop() ?? '';
  try {
    return JSON.parse(last) as T;
  } catch {
    throw new Error(`${script} printed no JSON result:\n${stdout}\n${stderr}`);
  }
}
