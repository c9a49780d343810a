// Migrations: recorded once, atomic per file, safe when two servers start together, and a
// failing one stops `npm run migrate` with a non-zero exit.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate, MigrationError, type Migration } from '../../../server/db/migrate.ts';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../../support/server-db.ts';

const run = promisify(execFile);
const migration = (version: string, sql: string): Migration => ({
  version,
  name: `m${version}`,
  sql,
  checksum: version,
});

describe.each(databaseKinds())('migrations on %s', (kind) => {
  const databases: TestDatabase[] = [];
  // Created up front: the first PGlite start can be slow on a busy machine (hook timeout).
  beforeAll(async () => {
    databases.push(await createTestDatabase(kind), await createTestDatabase(kind));
  });
  afterAll(async () => {
    for (const database of databases) await database.drop();
  });
  let next = 0;
  const fresh = async (): Promise<TestDatabase> => {
    const database = databases[next++];
    if (!database) throw new Error('no prepared database left');
    return database;
  };

  it('rolls a failing migration back whole and keeps the ones before it', async () => {
    const { db } = await fresh();
    const list = [
      migration('900', 'CREATE TABLE ok_one (id int); INSERT INTO ok_one VALUES (1);'),
      migration(
        '901',
        "CREATE TABLE half_done (id int); INSERT INTO half_done VALUES ('not a number');",
      ),
    ];
    await expect(migrate(db, list)).rejects.toBeInstanceOf(MigrationError);
    await expect(migrate(db, list)).rejects.toThrow(/901_m901/);
    const applied = await db.query<{ version: string }>(
      `SELECT version FROM schema_migrations WHERE version >= '900'`,
    );
    expect(applied.rows.map((r) => r.version)).toEqual(['900']);
    const tables = await db.query(
      `SELECT 1 FROM information_schema.tables WHERE table_name = 'half_done' AND table_schema = current_schema()`,
    );
    expect(tables.rows).toEqual([]);
  });

  it('applies each migration exactly once when two servers start at the same time', async () => {
    const database = await fresh();
    const other = await database.openAnother();
    const list = [
      migration('950', 'CREATE TABLE counted (n int); INSERT INTO counted VALUES (1);'),
    ];
    const results = await Promise.all([migrate(database.db, list), migrate(other, list)]);
    expect(results.flat()).toEqual(['950_m950']);
    const { rows } = await database.db.query<{ n: string }>(
      'SELECT count(*)::text AS n FROM counted',
    );
    expect(rows[0]?.n).toBe('1');
  });
});

describe('npm run migrate', () => {
  it('exits non-zero when a migration fails', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'waypost-migrations-'));
    try {
      await writeFile(join(dir, '001_good.sql'), 'CREATE TABLE good (id int);');
      await writeFile(
        join(dir, '002_bad.sql'),
        'CREATE TABLE bad (id int); SELECT no_such_function();',
      );
      const env = {
        ...process.env,
        DATA_DIR: join(dir, 'data'),
        WAYPOST_MIGRATIONS_DIR: dir,
        DATABASE_URL: '',
      };
      const failed = await run('npx', ['tsx', 'server/db/migrate-cli.ts'], { env }).then(
        () => null,
        (error: { code: number; stderr: string }) => error,
      );
      expect(failed?.code).toBe(1);
      expect(failed?.stderr).toMatch(/migration 002_bad failed/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
