// `npm run server`: PORT (default 8787), DATA_DIR (default ./data/server) for embedded PGlite,
// media and the key file; DATABASE_URL selects PostgreSQL instead. Migrations run on start.
import { buildApp } from './app.ts';
import { migrate } from './db/migrate.ts';
import { dbConfigFromEnv, openDb } from './db/open.ts';
import { createLogger } from './logging.ts';
import { repairFutureTxids } from './sync/pull.ts';
import { deriveKeys, loadServerSecret } from './security/keys.ts';

const env = process.env;
const config = dbConfigFromEnv(env);
const logger = createLogger({ level: env.LOG_LEVEL ?? 'info' });

async function main(): Promise<void> {
  const db = await openDb(config);
  const applied = await migrate(db);
  if (applied.length) logger.info({ applied }, 'migrations applied');
  const repaired = await repairFutureTxids(db);
  if (repaired)
    logger.warn({ repaired }, 'documents from a restored dump moved to the current epoch');
  const keys = deriveKeys(await loadServerSecret(config.dataDir, env.WAYPOST_PII_KEY));
  const app = await buildApp({
    db,
    keys,
    dataDir: config.dataDir,
    logger,
    settings: {
      version: env.npm_package_version ?? '0.1.0',
      trustProxy: env.TRUST_PROXY === '1',
      ...(env.CORS_ORIGINS
        ? { corsOrigins: env.CORS_ORIGINS.split(',').map((o) => o.trim()) }
        : {}),
      ...(env.NUMBER_BLOCK_SIZE ? { numberBlockSize: Number(env.NUMBER_BLOCK_SIZE) } : {}),
      ...(env.SERVICE_INDICATORS ? { serviceIndicators: env.SERVICE_INDICATORS.split(',') } : {}),
    },
  });
  const shutdown = async (signal: string) => {
    logger.info({ signal }, 'shutting down');
    await app.close();
    await db.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  await app.listen({ port: Number(env.PORT ?? 8787), host: env.HOST ?? '0.0.0.0' });
}

main().catch((error: unknown) => {
  logger.fatal({ err: error }, 'server failed to start');
  process.exit(1);
});
