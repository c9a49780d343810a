// GET /api/v1/config: central configuration clients cache (SLA hours per province, limits).
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { authenticate } from '../../../../plugins/authenticate.ts';
import { currentSlaConfig } from '../../../../settings/sla.ts';
import { PROTOCOL_VERSION, SYNC_LIMITS } from '../../../../../shared/sync/protocol.ts';

const configRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/',
    {
      preHandler: authenticate,
      schema: {
        response: {
          200: Type.Object({
            protocolVersion: Type.Number(),
            sla: Type.Object({}, { additionalProperties: true }),
            numberBlockSize: Type.Integer(),
            serviceIndicators: Type.Array(Type.String()),
            limits: Type.Object({}, { additionalProperties: true }),
          }),
        },
      },
    },
    async () => ({
      protocolVersion: PROTOCOL_VERSION,
      sla: { ...(await currentSlaConfig(app.db)) },
      numberBlockSize: app.settings.numberBlockSize,
      serviceIndicators: [...app.settings.serviceIndicators],
      limits: { ...SYNC_LIMITS },
    }),
  );
};

export default configRoutes;
