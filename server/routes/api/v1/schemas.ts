// Schema pieces and route options shared by the v1 routes.
import { Type } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';

export const stationSchema = Type.Object({
  code: Type.String(),
  name: Type.String(),
  divisionCode: Type.String(),
  kind: Type.String(),
});

const byIp = (request: FastifyRequest): string => `ip:${request.ip}`;

/** Login, refresh and enrolment: per IP, tighter than the per-device default. */
export function authRateLimit(app: FastifyInstance) {
  const rule = app.settings.rateLimit.auth;
  return { max: rule.max, timeWindow: rule.windowMs, keyGenerator: byIp, groupId: 'auth' };
}

export function trackRateLimit(app: FastifyInstance) {
  const rule = app.settings.rateLimit.track;
  return { max: rule.max, timeWindow: rule.windowMs, keyGenerator: byIp, groupId: 'track' };
}
