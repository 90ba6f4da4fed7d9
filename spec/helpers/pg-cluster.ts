import type { ChildProcess } from 'node:child_process';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';

/** A PostgreSQL server the suite started for itself (Debian's packages), on 127.0.0.1. */
export interface PgCluster {
  readonly port: number;
  /** The password of its `postgres` user (a real one: specs check it never shows). */
  readonly password: string;
  /** The URL of one database on it. */
  url(database: string): string;
  /** Creates a fresh, empty database and answers its URL. */
  createDatabase(): Promise<string>;
}

/** Where PostgreSQL's server programs are: `HIVETRACE_PG_BIN`, else Debian's newest, else none. */
export function postgresBin(): string | undefined {
  const configured = process.env.HIVETRACE_PG_BIN;
  if (configured) return configured;
  const root = '/usr/lib/postgresql';
  if (!fs.existsSync(root)) return undefined;
  const versions = fs
    .readdirSync(root)
    .filter((v) => fs.existsSync(path.join(root, v, 'bin', 'postgres')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? path.join(root, versions[0], 'bin') : undefined;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

/** The server runs as `postgres` when the suite runs as root (PostgreSQL refuses root). */
function serverUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  return { uid: id('-u'), gid: id('-g') };
}

async function connect(url: string, deadline: number): Promise<Client> {
  for (;;) {
    const c = new Client({ connectionString: url });
    try {
      await c.connect();
      return c;
    } catch (err) {
      await c.end().catch(() => undefined);
      if (Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

class StartedCluster implements PgCluster {
  private created = 0;

  constructor(
    readonly port: number,
    readonly password: string,
    private readonly admin: Client,
    readonly child: ChildProcess,
    readonly dir: string,
  ) {}

  url(database: string): string {
    return `postgres://postgres:${encodeURIComponent(this.password)}@127.0.0.1:${this.port}/${database}`;
  }

  async createDatabase(): Promise<string> {
    const name = `hivetrace_${process.pid}_${++this.created}`;
    await this.admin.query(`CREATE DATABASE ${name}`);
    return this.url(name);
  }

  async stop(): Promise<void> {
    await this.admin.end().catch(() => undefined);
    const exited = new Promise((r) => this.child.once('exit', r));
    if (this.child.exitCode === null) {
      this.child.kill('SIGINT'); // fast shutdown: ends every connection
      const timer = setTimeout(() => this.child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

let started: Promise<StartedCluster | undefined> | undefined;

async function start(): Promise<StartedCluster | undefined> {
  const bin = postgresBin();
  if (!bin) return undefined;
  const user = serverUser();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hivetrace-pg-'));
  const data = path.join(dir, 'data');
  const password = `pw-${randomUUID()}`;
  fs.writeFileSync(path.join(dir, 'pw'), password);
  if (user) {
    fs.chownSync(dir, user.uid, user.gid);
    fs.chownSync(path.join(dir, 'pw'), user.uid, user.gid);
  }
  const init = spawnSync(
    path.join(bin, 'initdb'),
    [
      '-D',
      data,
      '-U',
      'postgres',
      '--auth-local=trust',
      '--auth-host=scram-sha-256',
      `--pwfile=${path.join(dir, 'pw')}`,
      '-E',
      'UTF8',
      '--locale=C',
    ],
    { encoding: 'utf8', ...user },
  );
  if (init.status !== 0) throw new Error(`initdb failed: ${init.stderr || init.stdout}`);
  const port = await freePort();
  const log = fs.openSync(path.join(dir, 'server.log'), 'a');
  if (user) fs.fchownSync(log, user.uid, user.gid);
  const child = spawn(
    path.join(bin, 'postgres'),
    [
      '-D',
      data,
      '-p',
      String(port),
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      `unix_socket_directories=${dir}`,
      '-c',
      'fsync=off',
      '-c',
      'full_page_writes=off',
      '-c',
      'max_connections=300',
    ],
    { stdio: ['ignore', log, log], ...user },
  );
  fs.closeSync(log);
  const url = `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`;
  const admin = await connect(url, Date.now() + 30_000).catch((err: Error) => {
    child.kill('SIGKILL');
    throw new Error(
      `PostgreSQL did not start: ${err.message}\n${fs.readFileSync(path.join(dir, 'server.log'), 'utf8')}`,
    );
  });
  return new StartedCluster(port, password, admin, child, dir);
}

/**
 * The suite's PostgreSQL server, started on first use from Debian's packages and stopped at the
 * suite's end (`stopPgCluster`). Undefined where PostgreSQL is not installed, except in CI
 * (`CI` set), where that is an error: CI installs it, and a spec that skipped there would prove
 * nothing.
 */
export async function pgCluster(): Promise<PgCluster | undefined> {
  started ??= start();
  const cluster = await started;
  if (!cluster && process.env.CI)
    throw new Error('PostgreSQL is not installed (apt-get install postgresql): CI runs the PostgreSQL specs');
  return cluster;
}

/** Stops the suite's server, when one was started. */
export async function stopPgCluster(): Promise<void> {
  const cluster = await started?.catch(() => undefined);
  started = undefined;
  await cluster?.stop();
}
