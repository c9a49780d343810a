// The server's pino logger: redaction by path, scrubbing of anything that looks like personal
// data, and request serializers that drop query strings (the track query carries a birth date).
import pino, { type DestinationStream, type Logger } from 'pino';
import { REDACT_PATHS, scrubText, scrubValue } from './http/scrub.ts';

export interface LoggerOptions {
  level?: string;
  /** Where lines go (tests capture them); stdout by default. */
  destination?: DestinationStream;
}

interface RequestLike {
  method?: string;
  url?: string;
  id?: string;
  ip?: string;
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const config: pino.LoggerOptions = {
    level: options.level ?? 'info',
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    serializers: {
      req: (req: RequestLike) => ({
        id: req.id,
        method: req.method,
        url: (req.url ?? '').split('?')[0],
      }),
      err: (err: Error) => scrubValue(err),
    },
    formatters: {
      log: (object) => scrubValue(object) as Record<string, unknown>,
    },
    hooks: {
      logMethod(args, method) {
        const scrubbed = args.map((arg) => (typeof arg === 'string' ? scrubText(arg) : arg));
        method.apply(this, scrubbed as Parameters<typeof method>);
      },
    },
  };
  return options.destination ? pino(config, options.destination) : pino(config);
}
