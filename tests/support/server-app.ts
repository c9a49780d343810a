// Start a real Waypost server for a test (fresh database, temp DATA_DIR, fast password
// hashing) and act as enrolled devices and logged-in staff against it. Other test suites
// (sync client, e2e, benchmarks) reuse these helpers.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../server/app.ts';
import { addStaff, addStation, createEnrolmentCode } from '../../server/admin/commands.ts';
import type { ScryptCost } from '../../server/auth/passwords.ts';
import type { Db } from '../../server/db/types.ts';
import { deriveKeys, type ServerKeys } from '../../server/security/keys.ts';
import type { ServerSettings } from '../../server/settings/server.ts';
import type { Logger } from 'pino';
import {
  API_PREFIX,
  PROTOCOL_HEADER,
  PROTOCOL_VERSION,
  type WireDocument,
} from '../../shared/sync/protocol.ts';
import { unwrap } from '../../shared/result.ts';
import { createTestDatabase, type DatabaseKind, type TestDatabase } from './server-db.ts';

/** Cheap scrypt for tests only: production uses DEFAULT_SCRYPT_COST. */
export const TEST_SCRYPT_COST: ScryptCost = { N: 1024, r: 8, p: 1 };

export interface TestServer {
  app: FastifyInstance;
  db: Db;
  database: TestDatabase;
  keys: ServerKeys;
  dataDir: string;
  /** Set when started with `listen: true`. */
  baseUrl: string | null;
  close(): Promise<void>;
}

export interface StartOptions {
  kind?: DatabaseKind;
  /** Reuse a database (a second server process on the same schema). */
  database?: TestDatabase;
  db?: Db;
  keys?: ServerKeys;
  listen?: boolean;
  settings?: Partial<ServerSettings>;
  logger?: Logger;
}

export const TEST_SETTINGS: Partial<ServerSettings> = {
  scryptCost: TEST_SCRYPT_COST,
  heartbeatMs: 1_000,
  streamRecheckMs: 200,
  // Two cores shared with other suites: never answer 503 because a test ran long.
  maxEventLoopDelayMs: false,
  // Many logins from one inject "IP": tests that check limits set their own.
  rateLimit: {
    perDevice: { max: 10_000, windowMs: 60_000 },
    auth: { max: 10_000, windowMs: 60_000 },
    track: { max: 10_000, windowMs: 60_000 },
  },
};

export async function startTestServer(options: StartOptions = {}): Promise<TestServer> {
  const database = options.database ?? (await createTestDatabase(options.kind ?? 'pglite'));
  const ownsDatabase = !options.database;
  const db = options.db ?? database.db;
  const keys = options.keys ?? deriveKeys(randomBytes(32));
  const dataDir = await mkdtemp(join(tmpdir(), 'waypost-server-'));
  const app = await buildApp({
    db,
    keys,
    dataDir,
    settings: { ...TEST_SETTINGS, ...options.settings },
    ...(options.logger ? { logger: options.logger } : {}),
  });
  let baseUrl: string | null = null;
  if (options.listen) {
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    if (address && typeof address === 'object') baseUrl = `http://127.0.0.1:${address.port}`;
  } else {
    await app.ready();
  }
  return {
    app,
    db,
    database,
    keys,
    dataDir,
    baseUrl,
    async close() {
      await app.close();
      await rm(dataDir, { recursive: true, force: true });
      if (ownsDatabase) await database.drop();
    },
  };
}

export interface DeviceCredential {
  deviceId: string;
  deviceSecret: string;
  stationId: string;
}

export interface Session extends DeviceCredential {
  accessToken: string;
  refreshToken: string;
  staffId: string;
  username: string;
  password: string;
}

let counter = 0;
const unique = (prefix: string): string => `${prefix}${++counter}${randomBytes(3).toString('hex')}`;

export async function ensureStation(
  db: Db,
  code: string,
  division = '140106',
  kind = 'window',
): Promise<void> {
  const { rows } = await db.query('SELECT 1 FROM stations WHERE code = $1', [code]);
  if (rows.length === 0)
    unwrap(await addStation(db, { code, name: `测试网点${code}`, division, kind }));
}

/** Enrols a new device at the station (created if missing) through the real endpoint. */
export async function enrolDevice(
  server: TestServer,
  stationId: string,
): Promise<DeviceCredential> {
  await ensureStation(server.db, stationId);
  const code = unwrap(await createEnrolmentCode(server.db, { station: stationId }));
  const response = await api(server, {
    method: 'POST',
    url: '/devices/enroll',
    payload: { code: code.code },
  });
  if (response.statusCode !== 200) throw new Error(`enrol failed: ${response.body}`);
  const body: { deviceId: string; deviceSecret: string } = response.json();
  return { deviceId: body.deviceId, deviceSecret: body.deviceSecret, stationId };
}

/** A staff member of `stationId` with `role`, logged in on a freshly enrolled device (or `device`). */
export async function loginAs(
  server: TestServer,
  input: {
    stationId: string;
    role?: 'clerk' | 'van' | 'supervisor' | 'admin';
    device?: DeviceCredential;
  },
): Promise<Session> {
  const device = input.device ?? (await enrolDevice(server, input.stationId));
  const username = unique('user');
  const password = `pw-${randomBytes(8).toString('hex')}`;
  const staff = unwrap(
    await addStaff(
      server.db,
      { username, name: '测试员', role: input.role ?? 'clerk', station: input.stationId, password },
      TEST_SCRYPT_COST,
    ),
  );
  const response = await api(server, {
    method: 'POST',
    url: '/auth/login',
    payload: { username, password, deviceId: device.deviceId, deviceSecret: device.deviceSecret },
  });
  if (response.statusCode !== 200) throw new Error(`login failed: ${response.body}`);
  const body: { accessToken: string; refreshToken: string } = response.json();
  return {
    ...device,
    accessToken: body.accessToken,
    refreshToken: body.refreshToken,
    staffId: staff.id,
    username,
    password,
  };
}

/** inject() under /api/v1 with the protocol header and, given a session, its bearer token. */
export function api(
  server: TestServer,
  options: InjectOptions & { url: string },
  session?: { accessToken: string },
): Promise<LightMyRequestResponse> {
  return server.app.inject({
    ...options,
    url: `${API_PREFIX}${options.url}`,
    headers: {
      [PROTOCOL_HEADER]: String(PROTOCOL_VERSION),
      ...(session ? { authorization: `Bearer ${session.accessToken}` } : {}),
      ...options.headers,
    },
  });
}

type WireDoc = WireDocument & { id: string };

/** POST /sync/{collection}/push; new documents by default (assumed master state null). */
export async function pushDocs(
  server: TestServer,
  session: { accessToken: string },
  collection: string,
  rows: { assumedMasterState: WireDoc | null; newDocumentState: WireDoc }[],
): Promise<{
  status: number;
  conflicts: WireDoc[];
  rejected: { id: string; code: string; message: string; messageEn: string; field?: string }[];
}> {
  const response = await api(
    server,
    { method: 'POST', url: `/sync/${collection}/push`, payload: rows },
    session,
  );
  const body = response.json();
  return {
    status: response.statusCode,
    conflicts: body.conflicts ?? [],
    rejected: body.rejected ?? [],
  };
}

export const inserts = (docs: WireDoc[]) =>
  docs.map((doc) => ({ assumedMasterState: null, newDocumentState: doc }));

/** Pulls every page from `checkpoint` on. */
export async function pullAll(
  server: TestServer,
  session: { accessToken: string },
  collection: string,
  checkpoint: string | null = null,
  limit = 100,
): Promise<{ documents: WireDoc[]; checkpoint: string | null }> {
  const documents: WireDoc[] = [];
  let cp = checkpoint;
  for (;;) {
    const query = new URLSearchParams({ limit: String(limit), ...(cp ? { checkpoint: cp } : {}) });
    const response = await api(
      server,
      { method: 'GET', url: `/sync/${collection}/pull?${query}` },
      session,
    );
    if (response.statusCode !== 200)
      throw new Error(`pull ${response.statusCode}: ${response.body}`);
    const page: { documents: WireDoc[]; checkpoint: string | null } = response.json();
    documents.push(...page.documents);
    cp = page.checkpoint;
    if (page.documents.length < limit) return { documents, checkpoint: cp };
  }
}

/**
 * Pulls until `done` holds (or throws after `timeoutMs`). Pulls are eventually consistent:
 * a freshly pushed document is held back while any older write transaction on the database
 * server is still open (see docs/PROTOCOL.md "Checkpoints") — e.g. another test's. Once a
 * document is visible it stays visible, so exact assertions after this are safe.
 */
export async function pullUntil(
  server: TestServer,
  session: { accessToken: string },
  collection: string,
  done: (documents: WireDoc[]) => boolean,
  checkpoint: string | null = null,
  timeoutMs = 10_000,
): Promise<{ documents: WireDoc[]; checkpoint: string | null }> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const result = await pullAll(server, session, collection, checkpoint);
    if (done(result.documents)) return result;
    if (Date.now() > until) throw new Error(`pullUntil: condition not met in ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
