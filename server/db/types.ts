// One query interface over PostgreSQL (pg Pool) and embedded PGlite. Everything above this
// file speaks plain SQL that runs on Debian's PostgreSQL 15 and on PGlite (Postgres 18) alike.

export type SqlParam = string | number | boolean | null | Uint8Array | readonly (string | null)[];

export interface Queryable {
  /** One statement with `$n` parameters. bigint/xid8 columns should be cast to text in SQL. */
  query<R extends object = Record<string, unknown>>(
    sql: string,
    params?: readonly SqlParam[],
  ): Promise<{ rows: R[] }>;
}

export interface Db extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /** Schema the tables live in (tests use a fresh one each); names the notify channel too. */
  readonly namespace: string;
  /** Several statements, no parameters (migrations). */
  exec(sql: string): Promise<void>;
  /** Runs `fn` in one transaction on one connection; rolls back if it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /** LISTEN on a channel; the returned function stops listening. */
  listen(channel: string, onNotify: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

/** Schema names are interpolated into SQL (search_path, LISTEN): keep them to safe identifiers. */
export function assertIdentifier(name: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`unsafe SQL identifier: ${name}`);
  return name;
}
