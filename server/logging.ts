// The server's pino logger. Personal data never reaches a log line: known fields are redacted
// by path, query strings are dropped (the track query carries a birth date), and every line is
// scrubbed of anything shaped like an ID number or a mobile number just before it is written.
import pino, { type DestinationStream, type Logger } from 'pino';
import { REDACT_PATHS, scrubText } from './http/scrub.ts';

export interface LoggerOptions {
  level?: string;
  /** Where lines go (tests capture them); stdout by default. */
  destination?: DestinationStream;
}

interface RequestLike {
  id?: string;
  method?: string;
  url?: string;
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
        remoteAddress: req.ip,
      }),
      res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
      err: pino.stdSerializers.err,
    },
    hooks: {
      // The serialised line, message and error stacks included.
      streamWrite: scrubText,
    },
  };
  return options.destination ? pino(config, options.destination) : pino(config);
}
