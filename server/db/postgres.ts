// PostgreSQL through a pg Pool. LISTEN needs one dedicated connection per process, shared by
// every listener, so a hundred open streams cost one connection, not a hundred.
import pg from 'pg';
import { assertIdentifier, type Db, type Queryable, type SqlParam } from './types.ts';

export interface PostgresOptions {
  connectionString: string;
  /** Tables live in this schema (created if missing); default `public`. */
  schema?: string;
  maxConnections?: number;
}

// int8 as text everywhere: counters and serials must not lose precision silently.
const parseText = (value: string): string => value;
pg.types.setTypeParser(pg.types.builtins.INT8, parseText);

export async function openPostgres(options: PostgresOptions): Promise<Db> {
  const schema = assertIdentifier(options.schema ?? 'public');
  const connectionOptions = schema === 'public' ? undefined : `-c search_path=${schema}`;
  const config: pg.PoolConfig = {
    connectionString: options.connectionString,
    max: options.maxConnections ?? 10,
    ...(connectionOptions ? { options: connectionOptions } : {}),
  };
  const pool = new pg.Pool(config);
  // An idle client dying (server restart) must not crash the process; the pool replaces it.
  pool.on('error', () => undefined);
  if (schema !== 'public') await pool.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);

  const run = async <R extends object>(
    client: pg.Pool | pg.PoolClient,
    sql: string,
    params?: readonly SqlParam[],
  ): Promise<{ rows: R[] }> => {
    const result = await client.query(sql, params ? [...params] : undefined);
    return { rows: result.rows as R[] };
  };

  let listener: pg.Client | null = null;
  let listenerReady: Promise<pg.Client> | null = null;
  let closing = false;
  const handlers = new Map<string, Set<(payload: string) => void>>();

  // A dropped LISTEN connection (database restart, network) is replaced after a pause and
  // listens again on every channel; notifications in between are lost, which the change feed
  // and session watch cover with their periodic sweeps.
  const getListener = (): Promise<pg.Client> => {
    listenerReady ??= (async () => {
      const client = new pg.Client(config);
      let gone = false;
      const lost = () => {
        if (gone) return;
        gone = true;
        if (listener === client) listener = null;
        listenerReady = null;
        client.removeAllListeners('notification');
        void client.end().catch(() => undefined);
        if (!closing && handlers.size > 0) setTimeout(() => void relisten(), 1_000).unref();
      };
      client.on('error', lost);
      client.on('end', lost);
      client.on('notification', (msg) => {
        for (const handler of handlers.get(msg.channel) ?? []) handler(msg.payload ?? '');
      });
      try {
        await client.connect();
      } catch (error) {
        listenerReady = null;
        throw error;
      }
      listener = client;
      return client;
    })();
    return listenerReady;
  };
  const relisten = async (): Promise<void> => {
    if (closing) return;
    try {
      const client = await getListener();
      for (const channel of handlers.keys()) await client.query(`LISTEN ${quoteIdent(channel)}`);
    } catch {
      if (!closing) setTimeout(() => void relisten(), 5_000).unref();
    }
  };

  return {
    kind: 'postgres',
    namespace: schema,
    query: (sql, params) => run(pool, sql, params),
    async exec(sql) {
      await pool.query(sql);
    },
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const tx: Queryable = { query: (sql, params) => run(client, sql, params) };
        const result = await fn(tx);
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    async listen(channel, onNotify) {
      const client = await getListener();
      let set = handlers.get(channel);
      if (!set) {
        set = new Set();
        handlers.set(channel, set);
        await client.query(`LISTEN ${quoteIdent(channel)}`);
      }
      set.add(onNotify);
      return async () => {
        set.delete(onNotify);
        if (set.size === 0 && handlers.get(channel) === set) {
          handlers.delete(channel);
          await client.query(`UNLISTEN ${quoteIdent(channel)}`).catch(() => undefined);
        }
      };
    },
    async close() {
      closing = true;
      const client = listener;
      listener = null;
      listenerReady = null;
      if (client) await client.end().catch(() => undefined);
      await pool.end();
    },
  } satisfies Db;
}

export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
