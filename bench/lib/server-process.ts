// Starts bench/lib/server-child.ts in its own Node process and talks to it; also reads the
// child's CPU time and resident memory from /proc (Linux) while it runs.
import { execFile, fork, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import type { ServerSettings } from '../../server/settings/server.ts';
import type {
  ChildMessage,
  DbStats,
  ParentMessage,
  ProvisionedStation,
} from './server-protocol.ts';

const run = promisify(execFile);

/** Starts Debian's PostgreSQL if needed (scripts/start-test-postgres.sh) and returns its URL. */
export async function startPostgres(): Promise<string> {
  if (process.env.TEST_DATABASE_URL) return process.env.TEST_DATABASE_URL;
  const { stdout } = await run('bash', ['scripts/start-test-postgres.sh'], { timeout: 120_000 });
  const match = /TEST_DATABASE_URL=(\S+)/.exec(stdout);
  if (!match?.[1]) throw new Error('start-test-postgres.sh printed no TEST_DATABASE_URL');
  process.env.TEST_DATABASE_URL = match[1];
  return match[1];
}

export async function postgresVersion(url: string): Promise<string> {
  const pg = await import('pg');
  const client = new pg.default.Client({ connectionString: url });
  await client.connect();
  const { rows } = await client.query<{ server_version: string }>('SHOW server_version');
  await client.end();
  return `PostgreSQL ${rows[0]?.server_version ?? '?'}`;
}

export interface ServerProcess {
  origin: string;
  pid: number;
  db: string;
  provision(stations: string[], devicesPerStation: number): Promise<ProvisionedStation[]>;
  /** Resident set size of the server process (bytes), from /proc. */
  rss(): Promise<number>;
  heap(): Promise<{ rss: number; heapUsed: number; external: number }>;
  /** Statements and transactions the server ran so far. */
  dbStats(): Promise<DbStats>;
  /** User + system CPU seconds used so far. */
  cpuSeconds(): Promise<number>;
  stop(): Promise<void>;
}

export interface ServerProcessOptions {
  db: 'postgres' | 'pglite';
  settings: Partial<ServerSettings>;
  pgPool?: number;
}

export async function startServerProcess(options: ServerProcessOptions): Promise<ServerProcess> {
  const child: ChildProcess = fork('bench/lib/server-child.ts', [], {
    // BENCH_SERVER_NODE_ARGS: e.g. `--cpu-prof --cpu-prof-dir=/tmp/x` to profile the server.
    execArgv: [
      '--import',
      'tsx',
      ...(process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean),
    ],
    env: {
      ...process.env,
      BENCH_DB: options.db,
      BENCH_SETTINGS: JSON.stringify(options.settings),
      BENCH_PG_POOL: String(options.pgPool ?? process.env.BENCH_PG_POOL ?? 10),
      NODE_ENV: 'production',
    },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let nextId = 1;
  const waiting = new Map<number, (message: ChildMessage) => void>();
  const ready = new Promise<Extract<ChildMessage, { type: 'ready' }>>((resolve, reject) => {
    child.on('message', (message: ChildMessage) => {
      if (message.type === 'ready') resolve(message);
      else if (message.type === 'error' && message.id === 0) reject(new Error(message.message));
      else waiting.get(message.id)?.(message);
    });
    child.once('exit', (code) => reject(new Error(`server child exited (${code})`)));
  });
  const { port, db } = await ready;
  const pid = child.pid ?? 0;

  function ask(message: ParentMessage & { id: number }): Promise<ChildMessage> {
    return new Promise((resolve) => {
      waiting.set(message.id, (answer) => {
        waiting.delete(message.id);
        resolve(answer);
      });
      child.send(message);
    });
  }

  return {
    origin: `http://127.0.0.1:${port}`,
    pid,
    db,
    async provision(stations, devicesPerStation) {
      const answer = await ask({ type: 'provision', id: nextId++, stations, devicesPerStation });
      if (answer.type !== 'provisioned') {
        throw new Error(
          `provision failed: ${answer.type === 'error' ? answer.message : answer.type}`,
        );
      }
      return answer.stations;
    },
    async rss() {
      const status = await readFile(`/proc/${pid}/status`, 'utf8');
      const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
      return kb * 1024;
    },
    async heap() {
      const answer = await ask({ type: 'memory', id: nextId++ });
      if (answer.type !== 'memory') throw new Error('no memory answer');
      return { rss: answer.rss, heapUsed: answer.heapUsed, external: answer.external };
    },
    async dbStats() {
      const answer = await ask({ type: 'dbStats', id: nextId++ });
      if (answer.type !== 'dbStats') throw new Error('no dbStats answer');
      return answer.stats;
    },
    async cpuSeconds() {
      const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // utime and stime are fields 14 and 15 of /proc/pid/stat (11 and 12 after the name).
      return (Number(fields[11]) + Number(fields[12])) / 100;
    },
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.send({ type: 'stop' } satisfies ParentMessage);
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/**
 * CPU seconds used so far by each PostgreSQL process on the machine (Linux /proc), by pid.
 * The cluster is shared with anything else using it at the time, which the results note.
 */
export async function postgresCpuSeconds(): Promise<Map<number, number>> {
  const { readdir } = await import('node:fs/promises');
  const out = new Map<number, number>();
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = await readFile(`/proc/${entry}/stat`, 'utf8');
      const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      if (name !== 'postgres') continue;
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out.set(Number(entry), (Number(fields[11]) + Number(fields[12])) / 100);
    } catch {
      // the process ended meanwhile
    }
  }
  return out;
}

/** CPU used between two readings by processes alive at the second (ended ones are lost). */
export function cpuDelta(before: Map<number, number>, after: Map<number, number>): number {
  let total = 0;
  for (const [pid, seconds] of after) total += Math.max(0, seconds - (before.get(pid) ?? 0));
  return total;
}
