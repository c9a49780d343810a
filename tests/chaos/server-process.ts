// The sync server as a child process (`node --import tsx server/main.ts`, as `npm run server`)
// on a PGlite data directory (or DATABASE_URL), killed with SIGKILL and restarted at will.
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { createServer } from 'node:net';
import { migrate } from '../../server/db/migrate.ts';
import { openDb } from '../../server/db/open.ts';
import { addStaff, addStation, createEnrolmentCode } from '../../server/admin/commands.ts';
import { unwrap } from '../../shared/result.ts';
import { API_PREFIX, PROTOCOL_HEADER, PROTOCOL_VERSION } from '../../shared/sync/protocol.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

export interface Seed {
  stationId: string;
  username: string;
  password: string;
  codes: string[];
}

/** Station, one clerk and enrolment codes, written before the server starts. */
export async function seedServer(
  config: { dataDir: string; databaseUrl?: string },
  devices: number,
): Promise<Seed> {
  const db = await openDb(config);
  try {
    await migrate(db);
    const stationId = 'S001';
    unwrap(
      await addStation(db, {
        code: stationId,
        name: '混沌测试网点',
        division: '140106',
        kind: 'window',
      }),
    );
    const username = 'chaos-clerk';
    const password = 'chaos-password-1234';
    unwrap(
      await addStaff(
        db,
        { username, name: '测试员', role: 'clerk', station: stationId, password },
        { N: 1024, r: 8, p: 1 },
      ),
    );
    const codes: string[] = [];
    for (let i = 0; i < devices; i += 1) {
      codes.push(unwrap(await createEnrolmentCode(db, { station: stationId })).code);
    }
    return { stationId, username, password, codes };
  } finally {
    await db.close();
  }
}

export interface ServerProcess {
  readonly port: number;
  readonly restarts: number;
  readonly kills: number;
  kill(): void;
  /** Starts (again) and resolves when /health answers. */
  start(): Promise<void>;
  stop(): Promise<void>;
}

export function serverProcess(config: {
  dataDir: string;
  databaseUrl?: string;
  port: number;
}): ServerProcess {
  let child: ChildProcess | null = null;
  let restarts = 0;
  let kills = 0;
  const log = createWriteStream(join(config.dataDir, 'server.log'), { flags: 'a' });

  async function waitHealthy(timeoutMs = 60_000): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (Date.now() < until) {
      try {
        const response = await fetch(`http://127.0.0.1:${config.port}/health`, {
          signal: AbortSignal.timeout(2_000),
        });
        if (response.ok) return;
      } catch {
        // not up yet
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('server did not become healthy');
  }

  return {
    port: config.port,
    get restarts() {
      return restarts;
    },
    get kills() {
      return kills;
    },
    kill() {
      if (child && child.exitCode === null) {
        kills += 1;
        child.kill('SIGKILL');
      }
      child = null;
    },
    async start() {
      if (child) return;
      restarts += 1;
      child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
        cwd: root,
        env: {
          ...process.env,
          PORT: String(config.port),
          HOST: '127.0.0.1',
          DATA_DIR: config.dataDir,
          LOG_LEVEL: 'warn',
          ...(config.databaseUrl ? { DATABASE_URL: config.databaseUrl } : {}),
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child.stdout?.pipe(log, { end: false });
      child.stderr?.pipe(log, { end: false });
      await waitHealthy();
    },
    async stop() {
      const running = child;
      child = null;
      if (running && running.exitCode === null) {
        const exited = new Promise((r) => running.once('exit', r));
        running.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
        if (running.exitCode === null) running.kill('SIGKILL');
      }
      log.end();
    },
  };
}

/** POST, retried while the server answers 503 (busy: refused before any work was done). */
async function postBusyRetry(
  url: string,
  headers: Record<string, string>,
  body: unknown,
): Promise<Response> {
  for (let attempt = 0; ; attempt += 1) {
    const response = await fetch(url, { method: 'POST', headers, body: JSON.stringify(body) });
    if (response.status !== 503 || attempt >= 120) return response;
    await response.body?.cancel();
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** Enrols a device and logs the clerk in on it, straight at the server (not through faults). */
export async function enrolAndLogin(
  baseUrl: string,
  seed: Seed,
  code: string,
): Promise<{ deviceId: string; accessToken: string; refreshToken: string }> {
  const headers = {
    'content-type': 'application/json',
    [PROTOCOL_HEADER]: String(PROTOCOL_VERSION),
  };
  const enrolled = await postBusyRetry(`${baseUrl}${API_PREFIX}/devices/enroll`, headers, { code });
  if (!enrolled.ok) throw new Error(`enrol: ${enrolled.status} ${await enrolled.text()}`);
  const device = (await enrolled.json()) as { deviceId: string; deviceSecret: string };
  const login = await postBusyRetry(`${baseUrl}${API_PREFIX}/auth/login`, headers, {
    username: seed.username,
    password: seed.password,
    ...device,
  });
  if (!login.ok) throw new Error(`login: ${login.status} ${await login.text()}`);
  const tokens = (await login.json()) as { accessToken: string; refreshToken: string };
  return {
    deviceId: device.deviceId,
    accessToken: tokens.accessToken,
    refreshToken: tokens.refreshToken,
  };
}
