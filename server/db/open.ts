// Chooses the database from the environment: DATABASE_URL → PostgreSQL, else embedded PGlite
// in DATA_DIR/pgdata.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { openPglite } from './pglite.ts';
import { openPostgres } from './postgres.ts';
import type { Db } from './types.ts';

export interface DbConfig {
  databaseUrl?: string | undefined;
  dataDir: string;
  schema?: string | undefined;
}

export async function openDb(config: DbConfig): Promise<Db> {
  if (config.databaseUrl) {
    return openPostgres({
      connectionString: config.databaseUrl,
      ...(config.schema ? { schema: config.schema } : {}),
    });
  }
  const dir = join(config.dataDir, 'pgdata');
  await mkdir(dir, { recursive: true });
  return openPglite({ dataDir: dir, ...(config.schema ? { schema: config.schema } : {}) });
}

export function dbConfigFromEnv(env: NodeJS.ProcessEnv = process.env): DbConfig {
  return {
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: env.DATA_DIR || './data/server',
    schema: env.DATABASE_SCHEMA || undefined,
  };
}
