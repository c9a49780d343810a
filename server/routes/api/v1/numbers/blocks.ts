// POST /api/v1/numbers/blocks: a block of S10 waybill serials for this device to use offline.
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { callerOf } from '../../../../context.ts';
import { httpError } from '../../../../http/errors.ts';
import { allocateBlock } from '../../../../numbers/allocate.ts';
import { authenticate } from '../../../../plugins/authenticate.ts';

const numberRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/blocks',
    {
      preHandler: authenticate,
      schema: {
        body: Type.Optional(
          Type.Object({
            serviceIndicator: Type.Optional(Type.String({ pattern: '^[A-Z]{2}$' })),
            count: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
            includeNumbers: Type.Optional(Type.Boolean()),
          }),
        ),
        response: {
          200: Type.Object({
            id: Type.String(),
            serviceIndicator: Type.String(),
            firstSerial: Type.Integer(),
            count: Type.Integer(),
            numbers: Type.Optional(Type.Array(Type.String())),
          }),
        },
      },
    },
    async (request) => {
      const { claims } = callerOf(request);
      const body = request.body ?? {};
      const allowed = app.settings.serviceIndicators;
      const serviceIndicator = body.serviceIndicator ?? allowed[0] ?? 'EA';
      if (!allowed.includes(serviceIndicator)) {
        throw httpError(
          400,
          'SERVICE_INDICATOR_NOT_ALLOWED',
          `不可使用的业务代码：${serviceIndicator}`,
          `Service indicator not allowed: ${serviceIndicator}`,
          'serviceIndicator',
        );
      }
      const count = body.count ?? app.settings.numberBlockSize;
      if (count > app.settings.maxNumberBlockSize) {
        throw httpError(
          400,
          'BLOCK_TOO_LARGE',
          `一次最多领取 ${app.settings.maxNumberBlockSize} 个号码`,
          `At most ${app.settings.maxNumberBlockSize} numbers per block`,
          'count',
        );
      }
      const block = await allocateBlock(app.db, {
        deviceId: claims.deviceId,
        stationId: claims.stationId,
        staffId: claims.staffId,
        serviceIndicator,
        count,
        firstSerial: app.settings.firstSerial,
        includeNumbers: body.includeNumbers === true,
      });
      if (!block.ok)
        throw httpError(409, block.error.code, block.error.message, block.error.messageEn);
      return block.value;
    },
  );
};

export default numberRoutes;
