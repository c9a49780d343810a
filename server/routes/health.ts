// GET /health: the database answers and which version runs. Clients probe it to decide
// whether they are online, so it is cheap and needs neither auth nor the protocol header.
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';

const healthRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/health',
    {
      // Offline clients behind one NAT probe it often: never rate-limited, and it costs one
      // trivial query.
      config: { rateLimit: false },
      schema: {
        response: {
          200: Type.Object({
            status: Type.Literal('ok'),
            version: Type.String(),
            database: Type.String(),
          }),
          // Also the shape of an under-pressure refusal, which has no `status`.
          503: Type.Object({
            status: Type.Optional(Type.Literal('unavailable')),
            code: Type.String(),
            message: Type.String(),
            messageEn: Type.String(),
          }),
        },
      },
    },
    async (_request, reply) => {
      try {
        await app.db.query('SELECT 1');
      } catch {
        return reply.code(503).send({
          status: 'unavailable',
          code: 'DATABASE_UNAVAILABLE',
          message: '数据库暂时不可用',
          messageEn: 'The database is unavailable',
        });
      }
      return { status: 'ok' as const, version: app.settings.version, database: app.db.kind };
    },
  );
};

export default healthRoutes;
