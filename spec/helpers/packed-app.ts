import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const root = path.join(__dirname, '../..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** A fresh application with the packed tarball installed, as users get it. */
export interface PackedApp {
  /** The application's directory (`node_modules/hivetrace` inside). */
  readonly app: string;
  /** The files the tarball holds. */
  readonly files: string[];
}

/**
 * Builds, packs and installs hivetrace into a new application that has nothing else (from the
 * npm cache where it can): what `npm install hivetrace` gives a user.
 */
export function packIntoFreshApp(prefix: string): PackedApp {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  execFileSync(npm, ['run', '-s', 'build'], { cwd: root, stdio: 'ignore' });
  const packed = JSON.parse(
    execFileSync(npm, ['pack', '--ignore-scripts', '--json', '--pack-destination', work], {
      cwd: root,
      encoding: 'utf8',
    }),
  ) as { filename: string; files: { path: string }[] }[];
  const app = path.join(work, 'app');
  fs.mkdirSync(app);
  fs.writeFileSync(path.join(app, 'package.json'), JSON.stringify({ name: 'fresh-app', private: true }));
  execFileSync(
    npm,
    [
      'install',
      path.join(work, packed[0]!.filename),
      '--no-audit',
      '--no-fund',
      '--prefer-offline',
      '--loglevel=error',
    ],
    { cwd: app, stdio: 'pipe' },
  );
  return { app, files: packed[0]!.files.map((f) => f.path) };
}
