// `npm run migrate`: applies pending migrations to DATABASE_URL or DATA_DIR's PGlite.
// Exits non-zero on failure, so a deployment script stops instead of starting a broken server.
import { loadMigrations, migrate } from './migrate.ts';
import { dbConfigFromEnv, openDb } from './open.ts';

async function main(): Promise<number> {
  const db = await openDb(dbConfigFromEnv());
  try {
    // WAYPOST_MIGRATIONS_DIR: tests point it at a directory with a broken migration.
    const dir = process.env.WAYPOST_MIGRATIONS_DIR;
    const applied = await migrate(db, dir ? await loadMigrations(dir) : undefined);
    process.stdout.write(
      applied.length ? `applied: ${applied.join(', ')}\n` : 'database is up to date\n',
    );
    return 0;
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  } finally {
    await db.close();
  }
}

process.exitCode = await main();
