// Tunables of one server process. Defaults suit production; tests shrink costs and windows.
import { DEFAULT_SCRYPT_COST, type ScryptCost } from '../auth/passwords.ts';

export interface RateLimitRule {
  max: number;
  windowMs: number;
}

export interface ServerSettings {
  version: string;
  accessTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
  streamTicketTtlSeconds: number;
  /** SSE heartbeat comment interval. */
  heartbeatMs: number;
  /** How often a stream re-checks for rows held back behind a still-open transaction. */
  streamRecheckMs: number;
  numberBlockSize: number;
  maxNumberBlockSize: number;
  /** S10 service indicators a device may ask for; the first is the default. */
  serviceIndicators: readonly string[];
  /** First serial the counters start from (per service indicator). */
  firstSerial: number;
  enrolmentCodeTtlHours: number;
  lockout: { maxAttempts: number; minutes: number };
  scryptCost: ScryptCost;
  rateLimit: {
    /** Every authenticated request, keyed per device (anonymous: per IP). */
    perDevice: RateLimitRule;
    /** Login, refresh, enrolment: per IP. */
    auth: RateLimitRule;
    /** Public track look-up: per IP. */
    track: RateLimitRule;
  };
  /** 503 when the event loop lags this much (ms); false disables the check. */
  maxEventLoopDelayMs: number | false;
  trustProxy: boolean;
  /** Browser origins allowed besides app://waypost and loopback (env CORS_ORIGINS). */
  corsOrigins: readonly string[];
}

export const DEFAULT_SETTINGS: ServerSettings = {
  version: '0.1.0',
  accessTokenTtlSeconds: 15 * 60,
  refreshTokenTtlSeconds: 30 * 24 * 60 * 60,
  streamTicketTtlSeconds: 60,
  heartbeatMs: 15_000,
  streamRecheckMs: 1_000,
  numberBlockSize: 200,
  maxNumberBlockSize: 2_000,
  serviceIndicators: ['EA'],
  firstSerial: 1,
  enrolmentCodeTtlHours: 72,
  lockout: { maxAttempts: 5, minutes: 15 },
  scryptCost: DEFAULT_SCRYPT_COST,
  rateLimit: {
    perDevice: { max: 1_200, windowMs: 60_000 },
    auth: { max: 60, windowMs: 60_000 },
    track: { max: 10, windowMs: 60_000 },
  },
  maxEventLoopDelayMs: 2_000,
  trustProxy: false,
  corsOrigins: [],
};

export function resolveSettings(overrides: Partial<ServerSettings> = {}): ServerSettings {
  return {
    ...DEFAULT_SETTINGS,
    ...overrides,
    lockout: { ...DEFAULT_SETTINGS.lockout, ...overrides.lockout },
    rateLimit: { ...DEFAULT_SETTINGS.rateLimit, ...overrides.rateLimit },
  };
}
