// GET /api/v1/track?acceptanceNo=...&birthDate=YYYYMMDD — the public status query.
// Rate-limited per IP; a miss answers the same whether the number or the date was wrong.
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { httpError } from '../../../../http/errors.ts';
import { trackApplication } from '../../../../track/lookup.ts';
import { trackRateLimit } from '../schemas.ts';

const MIN_ANSWER_MS = 50;

const trackRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/',
    {
      config: { rateLimit: trackRateLimit(app) },
      schema: {
        querystring: Type.Object({
          acceptanceNo: Type.String({ minLength: 4, maxLength: 32, pattern: '^[0-9A-Za-z -]+$' }),
          birthDate: Type.String({ pattern: '^[0-9]{8}$' }),
        }),
      },
    },
    async (request, reply) => {
      const started = Date.now();
      const result = await trackApplication(
        app.db,
        app.keys,
        request.query.acceptanceNo,
        request.query.birthDate,
      );
      // A hit does more work than a miss; pad both to a floor so timing says little.
      const wait = MIN_ANSWER_MS - (Date.now() - started);
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      reply.header('cache-control', 'no-store');
      if (!result) {
        throw httpError(
          404,
          'TRACK_NOT_FOUND',
          '未查询到受理信息，请核对受理单号和出生日期',
          'No application found for this acceptance number and birth date',
        );
      }
      return result;
    },
  );
};

export default trackRoutes;
