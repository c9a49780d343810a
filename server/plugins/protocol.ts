// Every /api/v1 request states the protocol version it speaks (header x-waypost-protocol);
// anything else gets 426 with a message telling the clerk to update the app. The public track
// query is exempt (a web page asks it), and so are /health and /metrics.
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { API_PREFIX, PROTOCOL_HEADER, PROTOCOL_VERSION } from '../../shared/sync/protocol.ts';
import { httpError } from '../http/errors.ts';

const EXEMPT = [`${API_PREFIX}/track`];
export const SUPPORTED_VERSIONS: readonly number[] = [PROTOCOL_VERSION];

export const protocolPlugin = fp(async (app: FastifyInstance) => {
  app.addHook('onRequest', async (request) => {
    // CORS preflights never carry custom headers.
    if (request.method === 'OPTIONS') return;
    const path = request.url.split('?')[0] ?? '';
    if (!path.startsWith(`${API_PREFIX}/`) || EXEMPT.some((p) => path.startsWith(p))) return;
    const header = request.headers[PROTOCOL_HEADER];
    // EventSource cannot set headers: the stream also accepts ?protocol= beside its ticket.
    const query = /[?&]protocol=(\d+)/.exec(request.url)?.[1];
    const version = Number(typeof header === 'string' ? header : query);
    if (!SUPPORTED_VERSIONS.includes(version)) {
      throw httpError(
        426,
        'PROTOCOL_UNSUPPORTED',
        `客户端版本过旧或协议不兼容（服务器支持协议版本 ${SUPPORTED_VERSIONS.join('、')}），请升级警邮通客户端`,
        `Unsupported or missing sync protocol version (the server speaks ${SUPPORTED_VERSIONS.join(', ')}); update the Waypost app`,
      );
    }
  });
});
