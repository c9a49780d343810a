// A fresh, migrated database for one test: a new schema in TEST_DATABASE_URL's PostgreSQL, or
// a new schema in one PGlite instance shared by the test file (PGlite takes ~1 s to start).
import { randomBytes } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import { migrate } from '../../server/db/migrate.ts';
import { openPglite } from '../../server/db/pglite.ts';
import { openPostgres } from '../../server/db/postgres.ts';
import type { Db } from '../../server/db/types.ts';

export type DatabaseKind = 'pglite' | 'postgres';

/** PGlite always; PostgreSQL too when TEST_DATABASE_URL is set (CI sets it). */
export function databaseKinds(): DatabaseKind[] {
  return process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];
}

export interface TestDatabase {
  kind: DatabaseKind;
  db: Db;
  schema: string;
  /** Another connection pool on the same schema (PostgreSQL): a second server process. */
  openAnother(): Promise<Db>;
  drop(): Promise<void>;
}

let sharedPglite: Promise<PGlite> | null = null;
const pglite = (): Promise<PGlite> => (sharedPglite ??= PGlite.create());

export async function createTestDatabase(kind: DatabaseKind = 'pglite'): Promise<TestDatabase> {
  const schema = `t_${randomBytes(6).toString('hex')}`;
  if (kind === 'postgres') {
    const url = process.env.TEST_DATABASE_URL;
    if (!url) throw new Error('TEST_DATABASE_URL is not set');
    const others: Db[] = [];
    const db = await openPostgres({ connectionString: url, schema, maxConnections: 5 });
    await migrate(db);
    return {
      kind,
      db,
      schema,
      async openAnother() {
        const other = await openPostgres({ connectionString: url, schema, maxConnections: 5 });
        others.push(other);
        return other;
      },
      async drop() {
        for (const other of others) await other.close();
        await db.query(`DROP SCHEMA ${schema} CASCADE`);
        await db.close();
      },
    };
  }
  const instance = await pglite();
  const db = await openPglite({ instance, schema });
  await migrate(db);
  return {
    kind,
    db,
    schema,
    // One PGlite is one process: "another" is the same database handle.
    openAnother: async () => db,
    async drop() {
      await db.query(`DROP SCHEMA ${schema} CASCADE`);
    },
  };
}
