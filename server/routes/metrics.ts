// GET /metrics: Prometheus text format. Expose it on an internal network only.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';

const metricsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/metrics', { config: { rateLimit: false } }, async (_request, reply) =>
    reply.type('text/plain; version=0.0.4; charset=utf-8').send(app.metrics.render()),
  );
};

export default metricsRoutes;
