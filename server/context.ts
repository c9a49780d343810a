// What every route can reach: decorators on the Fastify instance and the caller on the request.
import type { Db } from './db/types.ts';
import type { Scope } from './auth/scope.ts';
import type { TokenClaims } from './auth/tokens.ts';
import type { Metrics } from './http/metrics.ts';
import type { MediaStore } from './media/store.ts';
import type { ServerKeys } from './security/keys.ts';
import type { ServerSettings } from './settings/server.ts';
import type { ChangeFeed } from './sync/change-feed.ts';
import type { SessionWatch } from './auth/session-watch.ts';

export interface AuthContext {
  claims: TokenClaims;
  scope: Scope;
}

declare module 'fastify' {
  interface FastifyInstance {
    db: Db;
    keys: ServerKeys;
    settings: ServerSettings;
    metrics: Metrics;
    mediaStore: MediaStore;
    changeFeed: ChangeFeed;
    sessionWatch: SessionWatch;
  }
  interface FastifyRequest {
    /** Set by the `authenticate` preHandler; null on public routes. */
    auth: AuthContext | null;
  }
}

/** The authenticated caller; only call on routes that run `authenticate`. */
export function callerOf(request: { auth: AuthContext | null }): AuthContext {
  if (!request.auth) throw new Error('route is missing the authenticate preHandler');
  return request.auth;
}
