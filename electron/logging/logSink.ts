// Host log file (JSON lines) for renderer and host messages, PII-redacted before writing.
import { appendFile, mkdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { redactContext, redactText } from '../../shared/host/redact.ts';
import type { LogEntry } from '../../shared/host/schemas.ts';
import { isNotFound } from '../storage/files.ts';

export interface LogSink {
  write(source: 'renderer' | 'host', entries: readonly LogEntry[]): Promise<number>;
}

export interface LogSinkOptions {
  dir: string;
  /** Rotate when the current file exceeds this size. */
  maxBytes?: number;
  /** Rotated files kept (host.log.1 … host.log.N). */
  keep?: number;
  now?: () => number;
}

export function createLogSink(options: LogSinkOptions): LogSink {
  const maxBytes = options.maxBytes ?? 5 * 1024 * 1024;
  const keep = options.keep ?? 3;
  const now = options.now ?? Date.now;
  const file = join(options.dir, 'host.log');
  let queue: Promise<unknown> = Promise.resolve();

  async function rotateIfNeeded(): Promise<void> {
    let size = 0;
    try {
      size = (await stat(file)).size;
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
    if (size < maxBytes) return;
    await rm(`${file}.${keep}`, { force: true });
    for (let i = keep - 1; i >= 1; i--) {
      await rename(`${file}.${i}`, `${file}.${i + 1}`).catch((error: unknown) => {
        if (!isNotFound(error)) throw error;
      });
    }
    await rename(file, `${file}.1`);
  }

  return {
    write(source, entries) {
      const lines = entries.map((entry) =>
        JSON.stringify({
          at: new Date(entry.at ?? now()).toISOString(),
          source,
          level: entry.level,
          ...(entry.scope === undefined ? {} : { scope: redactText(entry.scope) }),
          message: redactText(entry.message),
          ...(entry.context === undefined ? {} : { context: redactContext(entry.context) }),
        }),
      );
      const run = queue.then(async () => {
        await mkdir(options.dir, { recursive: true, mode: 0o700 });
        await rotateIfNeeded();
        await appendFile(file, lines.join('\n') + '\n', { mode: 0o600 });
        return lines.length;
      });
      queue = run.catch(() => undefined);
      return run;
    },
  };
}
