// Bearer-token authentication as a preHandler. The token's signature and expiry are checked
// in memory; the session, device and staff member are re-read from the database every time,
// so logout, device revocation and disabling a staff member take effect on the next request.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { sessionState, stationsWithPrefix } from '../auth/repository.ts';
import { regionPrefix, type Scope } from '../auth/scope.ts';
import { bearerToken, verifyToken, type TokenClaims } from '../auth/tokens.ts';
import type { Queryable } from '../db/types.ts';
import { httpError } from '../http/errors.ts';

const invalidToken = () =>
  httpError(
    401,
    'TOKEN_INVALID',
    '登录已过期或无效，请重新登录',
    'The access token is invalid or expired; sign in again',
  );

export async function authenticate(request: FastifyRequest, _reply: FastifyReply): Promise<void> {
  const token = bearerToken(request.headers.authorization);
  const app = request.server;
  const claims = token ? verifyToken(app.keys.tokens, token, nowSeconds()) : null;
  if (!claims || claims.typ !== 'access') throw invalidToken();
  request.auth = { claims, scope: await resolveScope(app.db, claims) };
}

/** For EventSource clients that cannot set headers: `?ticket=` from POST /sync/stream-ticket. */
export async function authenticateTicket(request: FastifyRequest, ticket: string): Promise<void> {
  const app = request.server;
  const claims = verifyToken(app.keys.tokens, ticket, nowSeconds());
  if (!claims || claims.typ !== 'ticket') throw invalidToken();
  request.auth = { claims, scope: await resolveScope(app.db, claims) };
}

async function resolveScope(db: Queryable, claims: TokenClaims): Promise<Scope> {
  const state = await sessionState(db, claims.sid);
  if (!state || state.session_revoked) throw invalidToken();
  if (state.device_revoked) {
    throw httpError(
      403,
      'DEVICE_REVOKED',
      '本机已被停用，请联系管理员',
      'This device has been revoked; contact an administrator',
    );
  }
  if (state.staff_disabled) {
    throw httpError(
      403,
      'STAFF_DISABLED',
      '该账户已停用，请联系管理员',
      'This account is disabled; contact an administrator',
    );
  }
  // The role is re-read too: a demoted supervisor loses the region at once.
  claims.role = state.role;
  if (state.role === 'admin') return { kind: 'all' };
  if (state.role === 'supervisor') {
    return {
      kind: 'stations',
      stations: await stationsWithPrefix(db, regionPrefix(state.staff_division)),
    };
  }
  return { kind: 'stations', stations: [state.device_station] };
}

/** Only these roles may call the route (after authenticate). */
export function requireRole(...roles: TokenClaims['role'][]) {
  return async (request: FastifyRequest): Promise<void> => {
    if (!request.auth || !roles.includes(request.auth.claims.role)) {
      throw httpError(403, 'FORBIDDEN', '无权执行此操作', 'Not allowed for this role');
    }
  };
}

const nowSeconds = (): number => Math.floor(Date.now() / 1000);
