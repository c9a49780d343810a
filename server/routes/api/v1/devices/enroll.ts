// POST /api/v1/devices/enroll: a one-time enrolment code (printed by `npm run admin -- device
// code`) becomes this device's credential. The code is burnt.
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { enrolDevice } from '../../../../auth/service.ts';
import { orThrow } from '../../../../http/errors.ts';
import { authRateLimit, stationSchema } from '../schemas.ts';

const enrolRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/enroll',
    {
      config: { rateLimit: authRateLimit(app) },
      schema: {
        body: Type.Object({
          code: Type.String({ minLength: 4, maxLength: 32 }),
          label: Type.Optional(Type.String({ maxLength: 64 })),
        }),
        response: {
          200: Type.Object({
            deviceId: Type.String(),
            deviceSecret: Type.String(),
            station: stationSchema,
          }),
        },
      },
    },
    async (request) =>
      orThrow(
        await enrolDevice(
          { db: app.db, tokenKey: app.keys.tokens, settings: app.settings },
          { code: request.body.code, label: request.body.label },
        ),
      ),
  );
};

export default enrolRoutes;
