// A Waypost server in its own process for the benchmarks (so its CPU and memory are its own):
// the production buildApp on a fresh PostgreSQL schema (or PGlite), loopback only. Talks to the
// parent over IPC: 'ready' with the port, 'provision' → stations, staff and one-time
// enrolment codes made with the admin commands (devices then enrol through the real endpoint).
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildApp } from '../../server/app.ts';
import { addStaff, addStation, createEnrolmentCode } from '../../server/admin/commands.ts';
import { migrate } from '../../server/db/migrate.ts';
import { openPglite } from '../../server/db/pglite.ts';
import { openPostgres } from '../../server/db/postgres.ts';
import type { Db } from '../../server/db/types.ts';
import { deriveKeys } from '../../server/security/keys.ts';
import { unwrap } from '../../shared/result.ts';
import type { ServerSettings } from '../../server/settings/server.ts';
import {
  BENCH_SCRYPT_COST,
  type ChildMessage,
  type DbStats,
  type ParentMessage,
  type ProvisionedStation,
} from './server-protocol.ts';

const kind = process.env.BENCH_DB ?? 'postgres';
const settings = JSON.parse(process.env.BENCH_SETTINGS ?? '{}') as Partial<ServerSettings>;

const dbStats: DbStats = { queries: 0, transactions: 0, transactionMs: 0, queryMs: 0 };

/** The same database, counting statements and transactions (queries per item in the results). */
function counted(db: Db): Db {
  const timed = async <T>(run: () => Promise<T>, add: (ms: number) => void): Promise<T> => {
    const started = performance.now();
    try {
      return await run();
    } finally {
      add(performance.now() - started);
    }
  };
  return {
    kind: db.kind,
    namespace: db.namespace,
    exec: (sql) => db.exec(sql),
    listen: (channel, onNotify) => db.listen(channel, onNotify),
    close: () => db.close(),
    query: (sql, params) => {
      dbStats.queries += 1;
      return timed(
        () => db.query(sql, params),
        (ms) => (dbStats.queryMs += ms),
      );
    },
    transaction: (fn) => {
      dbStats.transactions += 1;
      return timed(
        () =>
          db.transaction((tx) =>
            fn({
              query: (sql, params) => {
                dbStats.queries += 1;
                return tx.query(sql, params);
              },
            }),
          ),
        (ms) => (dbStats.transactionMs += ms),
      );
    },
  };
}

function send(message: ChildMessage): void {
  process.send?.(message);
}

async function openDatabase(dataDir: string): Promise<{ db: Db; drop: () => Promise<void> }> {
  const schema = `bench_${randomBytes(5).toString('hex')}`;
  if (kind === 'postgres') {
    const url = process.env.TEST_DATABASE_URL;
    if (!url) throw new Error('TEST_DATABASE_URL is not set');
    const db = await openPostgres({
      connectionString: url,
      schema,
      maxConnections: Number(process.env.BENCH_PG_POOL ?? 10),
    });
    await migrate(db);
    return {
      db,
      drop: async () => {
        await db.query(`DROP SCHEMA ${schema} CASCADE`);
        await db.close();
      },
    };
  }
  const db = await openPglite({ dataDir: path.join(dataDir, 'pgdata') });
  await migrate(db);
  return { db, drop: () => db.close() };
}

async function provision(
  db: Db,
  stations: string[],
  devicesPerStation: number,
): Promise<ProvisionedStation[]> {
  const out: ProvisionedStation[] = [];
  for (const code of stations) {
    const { rows } = await db.query('SELECT 1 FROM stations WHERE code = $1', [code]);
    if (rows.length === 0) {
      unwrap(
        await addStation(db, { code, name: `压测网点${code}`, division: '140106', kind: 'outlet' }),
      );
    }
    const username = `bench_${code}_${randomBytes(3).toString('hex')}`.toLowerCase();
    const password = `pw-${randomBytes(8).toString('hex')}`;
    unwrap(
      await addStaff(
        db,
        { username, name: '压测员', role: 'clerk', station: code, password },
        BENCH_SCRYPT_COST,
      ),
    );
    const codes: string[] = [];
    for (let i = 0; i < devicesPerStation; i += 1) {
      codes.push(unwrap(await createEnrolmentCode(db, { station: code })).code);
    }
    out.push({ stationId: code, username, password, codes });
  }
  return out;
}

async function main(): Promise<void> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'waypost-bench-server-'));
  const { db, drop } = await openDatabase(dataDir);
  const app = await buildApp({
    db: counted(db),
    keys: deriveKeys(randomBytes(32)),
    dataDir,
    settings,
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = address && typeof address === 'object' ? address.port : 0;

  let closing = false;
  const shutdown = async () => {
    if (closing) return;
    closing = true;
    await app.close().catch(() => undefined);
    await drop().catch(() => undefined);
    await rm(dataDir, { recursive: true, force: true });
    process.exit(0);
  };
  process.on('message', (raw: ParentMessage) => {
    if (raw.type === 'provision') {
      provision(db, raw.stations, raw.devicesPerStation).then(
        (stations) => send({ type: 'provisioned', id: raw.id, stations }),
        (error: unknown) => send({ type: 'error', id: raw.id, message: String(error) }),
      );
    } else if (raw.type === 'memory') {
      const m = process.memoryUsage();
      send({ type: 'memory', id: raw.id, rss: m.rss, heapUsed: m.heapUsed, external: m.external });
    } else if (raw.type === 'dbStats') {
      send({ type: 'dbStats', id: raw.id, stats: { ...dbStats } });
    } else if (raw.type === 'stop') {
      void shutdown();
    }
  });
  process.on('disconnect', () => void shutdown());
  send({ type: 'ready', port, db: kind });
}

main().catch((error: unknown) => {
  send({
    type: 'error',
    id: 0,
    message: error instanceof Error ? (error.stack ?? error.message) : String(error),
  });
  process.exit(1);
});
