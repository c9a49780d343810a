// The central sync server as a Fastify app factory (fastify/demo style): external plugins,
// then the app's own plugins, then routes in folders mirroring their URLs. `buildApp` takes an
// open database so tests start it on a fresh PGlite or PostgreSQL schema.
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import underPressure from '@fastify/under-pressure';
import type { Logger } from 'pino';
import { join } from 'node:path';
import { bearerToken, verifyToken } from './auth/tokens.ts';
import type { Db } from './db/types.ts';
import { CORS_ALLOWED_HEADERS, CORS_EXPOSED_HEADERS, isAllowedOrigin } from './http/cors.ts';
import { httpError } from './http/errors.ts';
import { parseStrictJson } from './http/json.ts';
import { Metrics } from './http/metrics.ts';
import { createFsMediaStore, type MediaStore } from './media/store.ts';
import { errorsPlugin } from './plugins/errors.ts';
import { protocolPlugin } from './plugins/protocol.ts';
import type { ServerKeys } from './security/keys.ts';
import { resolveSettings, type ServerSettings } from './settings/server.ts';
import { createChangeFeed } from './sync/change-feed.ts';
import { createSessionWatch } from './auth/session-watch.ts';
import healthRoutes from './routes/health.ts';
import metricsRoutes from './routes/metrics.ts';
import authRoutes from './routes/api/v1/auth/index.ts';
import calendarRoutes from './routes/api/v1/calendar/index.ts';
import configRoutes from './routes/api/v1/config/index.ts';
import enrolRoutes from './routes/api/v1/devices/enroll.ts';
import mediaRoutes from './routes/api/v1/media/index.ts';
import numberRoutes from './routes/api/v1/numbers/blocks.ts';
import syncRoutes from './routes/api/v1/sync/index.ts';
import trackRoutes from './routes/api/v1/track/index.ts';
import reportRoutes from './reports/plugin.ts';
import { API_PREFIX } from '../shared/sync/protocol.ts';
import './context.ts';

export interface AppOptions {
  db: Db;
  keys: ServerKeys;
  /** Media files live under DATA_DIR/media unless a store is given. */
  dataDir: string;
  mediaStore?: MediaStore;
  /** A pino logger (see createLogger); no logging when absent. */
  logger?: Logger;
  settings?: Partial<ServerSettings>;
}

/** 1 MiB for ordinary JSON bodies; push and media raise it on their routes. */
const DEFAULT_BODY_LIMIT = 1024 * 1024;

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const settings = resolveSettings(options.settings);
  const loggerInstance: FastifyBaseLogger | undefined = options.logger;
  const app = Fastify({
    ...(loggerInstance ? { loggerInstance } : { logger: false }),
    bodyLimit: DEFAULT_BODY_LIMIT,
    trustProxy: settings.trustProxy,
    return503OnClosing: true,
    ajv: { customOptions: { removeAdditional: true, coerceTypes: 'array', useDefaults: true } },
  });

  app.decorate('db', options.db);
  app.decorate('keys', options.keys);
  app.decorate('settings', settings);
  app.decorate('metrics', new Metrics());
  app.decorate(
    'mediaStore',
    options.mediaStore ?? createFsMediaStore(join(options.dataDir, 'media')),
  );
  app.decorate(
    'changeFeed',
    createChangeFeed(options.db, {
      piiKey: options.keys.pii,
      recheckMs: settings.streamRecheckMs,
      sweepMs: settings.heartbeatMs,
    }),
  );
  app.decorate('sessionWatch', createSessionWatch(options.db, { sweepMs: settings.heartbeatMs }));
  app.decorateRequest('auth', null);

  // Strict JSON everywhere (prototype keys, lone surrogates, NUL, invalid UTF-8 → 400).
  app.removeContentTypeParser(['application/json']);
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_request, body, done) => {
    const buffer = Buffer.isBuffer(body) ? body : Buffer.from(body);
    if (buffer.length === 0) {
      done(null, undefined);
      return;
    }
    try {
      done(null, parseStrictJson(buffer));
    } catch (error) {
      done(error instanceof Error ? error : new Error(String(error)));
    }
  });

  // External plugins.
  await app.register(helmet, { contentSecurityPolicy: { directives: { defaultSrc: ["'none'"] } } });
  await app.register(cors, {
    origin: (origin, callback) =>
      callback(null, origin === undefined || isAllowedOrigin(origin, settings.corsOrigins)),
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'OPTIONS'],
    allowedHeaders: CORS_ALLOWED_HEADERS,
    exposedHeaders: CORS_EXPOSED_HEADERS,
    credentials: false,
    maxAge: 600,
  });
  if (settings.maxEventLoopDelayMs !== false) {
    await app.register(underPressure, {
      maxEventLoopDelay: settings.maxEventLoopDelayMs,
      retryAfter: 10,
      // Async: the refusal reaches the error handler as a 503 body like every other error.
      pressureHandler: async (_request, reply) => {
        reply.header('retry-after', '10');
        throw httpError(
          503,
          'SERVER_BUSY',
          '服务器繁忙，请稍后自动重试',
          'The server is busy; retry shortly',
        );
      },
    });
  }
  // Registered before every route, keyed per device (from the token) so many devices behind
  // one NAT do not share a budget; anonymous requests are keyed per IP.
  await app.register(rateLimit, {
    global: true,
    max: settings.rateLimit.perDevice.max,
    timeWindow: settings.rateLimit.perDevice.windowMs,
    keyGenerator: (request) => {
      const token = bearerToken(request.headers.authorization);
      const claims = token ? verifyToken(options.keys.tokens, token, Date.now() / 1000) : null;
      return claims ? `device:${claims.deviceId}` : `ip:${request.ip}`;
    },
    errorResponseBuilder: (_request, context) =>
      httpError(
        429,
        'RATE_LIMITED',
        `请求过于频繁，请 ${Math.ceil(context.ttl / 1000)} 秒后再试`,
        `Too many requests; retry in ${Math.ceil(context.ttl / 1000)} s`,
      ),
  });

  // The app's own plugins.
  await app.register(errorsPlugin);
  await app.register(protocolPlugin);
  app.addHook('onResponse', async (request, reply) => {
    app.metrics.add('waypost_http_requests_total', {
      method: request.method,
      route: request.routeOptions.url ?? 'unmatched',
      status: String(reply.statusCode),
    });
  });
  app.addHook('onReady', async () => {
    await app.changeFeed.start();
    await app.sessionWatch.start();
  });
  app.addHook('onClose', async () => {
    await app.changeFeed.stop();
    await app.sessionWatch.stop();
  });

  // Routes.
  await app.register(healthRoutes);
  await app.register(metricsRoutes);
  await app.register(enrolRoutes, { prefix: `${API_PREFIX}/devices` });
  await app.register(authRoutes, { prefix: `${API_PREFIX}/auth` });
  await app.register(syncRoutes, { prefix: `${API_PREFIX}/sync` });
  await app.register(numberRoutes, { prefix: `${API_PREFIX}/numbers` });
  await app.register(mediaRoutes, { prefix: `${API_PREFIX}/media` });
  await app.register(trackRoutes, { prefix: `${API_PREFIX}/track` });
  await app.register(calendarRoutes, { prefix: `${API_PREFIX}/calendar` });
  await app.register(configRoutes, { prefix: `${API_PREFIX}/config` });
  await app.register(reportRoutes, { prefix: `${API_PREFIX}/reports` });
  return app;
}
