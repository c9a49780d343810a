// POST /api/v1/auth/login | refresh | logout.
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { login, logout, refresh } from '../../../../auth/service.ts';
import { callerOf } from '../../../../context.ts';
import { orThrow } from '../../../../http/errors.ts';
import { authenticate } from '../../../../plugins/authenticate.ts';
import { authRateLimit, stationSchema } from '../schemas.ts';

const tokensSchema = {
  accessToken: Type.String(),
  accessTokenExpiresAt: Type.Number(),
  refreshToken: Type.String(),
  refreshTokenExpiresAt: Type.Number(),
};

const authRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const deps = () => ({ db: app.db, tokenKey: app.keys.tokens, settings: app.settings });

  app.post(
    '/login',
    {
      config: { rateLimit: authRateLimit(app) },
      schema: {
        body: Type.Object({
          username: Type.String({ minLength: 1, maxLength: 64 }),
          password: Type.String({ minLength: 1, maxLength: 256 }),
          deviceId: Type.String({ minLength: 1, maxLength: 40 }),
          deviceSecret: Type.String({ minLength: 1, maxLength: 128 }),
        }),
        response: {
          200: Type.Object({
            ...tokensSchema,
            staff: Type.Object({
              id: Type.String(),
              username: Type.String(),
              displayName: Type.String(),
              role: Type.String(),
              stationId: Type.String(),
            }),
            device: Type.Object({ id: Type.String(), stationId: Type.String() }),
            station: stationSchema,
          }),
        },
      },
    },
    async (request) => orThrow(await login(deps(), request.body)),
  );

  app.post(
    '/refresh',
    {
      config: { rateLimit: authRateLimit(app) },
      schema: {
        body: Type.Object({ refreshToken: Type.String({ minLength: 16, maxLength: 128 }) }),
        response: { 200: Type.Object(tokensSchema) },
      },
    },
    async (request) => orThrow(await refresh(deps(), request.body)),
  );

  app.post(
    '/logout',
    { preHandler: authenticate, schema: { response: { 204: Type.Null() } } },
    async (request, reply) => {
      await logout(deps(), callerOf(request).claims);
      return reply.code(204).send(null);
    },
  );
};

export default authRoutes;
