// Embedded PGlite (Postgres in WASM): one connection, so queries already run one at a time.
// Several schemas may share one instance (tests): a small queue makes "set search_path, then
// run" atomic, because PGlite's session settings are global to the instance.
import { PGlite } from '@electric-sql/pglite';
import { quoteIdent } from './postgres.ts';
import { assertIdentifier, type Db, type Queryable, type SqlParam } from './types.ts';

export interface PgliteOptions {
  /** Directory for the database files; in memory when absent. */
  dataDir?: string;
  /** Share an already open instance (tests: one per file, a fresh schema per test). */
  instance?: PGlite;
  schema?: string;
}

interface SharedState {
  currentPath: string | null;
  queue: Promise<unknown>;
}
const sharedState = new WeakMap<PGlite, SharedState>();

export async function openPglite(options: PgliteOptions = {}): Promise<Db> {
  const owned = !options.instance;
  const pglite = options.instance ?? (await PGlite.create(options.dataDir ?? 'memory://'));
  const schema = assertIdentifier(options.schema ?? 'public');
  let state = sharedState.get(pglite);
  if (!state) {
    state = { currentPath: null, queue: Promise.resolve() };
    sharedState.set(pglite, state);
  }
  const shared = state;

  const exclusive = <T>(fn: () => Promise<T>): Promise<T> => {
    const next = shared.queue.then(async () => {
      if (shared.currentPath !== schema) {
        await pglite.exec(`SET search_path TO ${schema}`);
        shared.currentPath = schema;
      }
      return fn();
    });
    shared.queue = next.catch(() => undefined);
    return next;
  };

  const run = async <R extends object>(
    target: Pick<PGlite, 'query'>,
    sql: string,
    params?: readonly SqlParam[],
  ): Promise<{ rows: R[] }> => {
    const result = await target.query<R>(sql, params ? [...params] : undefined);
    return { rows: result.rows };
  };

  if (schema !== 'public') await pglite.exec(`CREATE SCHEMA IF NOT EXISTS ${schema}`);

  return {
    kind: 'pglite',
    namespace: schema,
    query: (sql, params) => exclusive(() => run(pglite, sql, params)),
    exec: (sql) =>
      exclusive(async () => {
        await pglite.exec(sql);
      }),
    transaction: (fn) =>
      exclusive(() =>
        pglite.transaction(async (raw) => {
          const tx: Queryable = { query: (sql, params) => run(raw, sql, params) };
          return fn(tx);
        }),
      ),
    async listen(channel, onNotify) {
      const stop = await pglite.listen(quoteIdent(channel), onNotify);
      return async () => {
        await stop();
      };
    },
    async close() {
      if (owned) await pglite.close();
    },
  } satisfies Db;
}
