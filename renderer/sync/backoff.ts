// Exponential backoff with full jitter: after n consecutive failures wait a random time in
// [0, min(max, base·2ⁿ)]. Jitter keeps a station's devices from retrying in lock-step after
// an outage.
export interface Backoff {
  readonly failures: number;
  /** Delay before the next attempt (0 while nothing has failed). */
  nextDelay(): number;
  fail(): void;
  reset(): void;
}

export interface BackoffOptions {
  baseMs?: number;
  maxMs?: number;
  random?: () => number;
}

export function createBackoff(options: BackoffOptions = {}): Backoff {
  const base = options.baseMs ?? 500;
  const max = options.maxMs ?? 60_000;
  const random = options.random ?? Math.random;
  let failures = 0;
  return {
    get failures() {
      return failures;
    },
    nextDelay() {
      if (failures === 0) return 0;
      const cap = Math.min(max, base * 2 ** Math.min(failures - 1, 30));
      return Math.floor(random() * cap);
    },
    fail() {
      failures += 1;
    },
    reset() {
      failures = 0;
    },
  };
}

/** Resolves after `ms`, or early (rejecting) when the signal aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    function onAbort() {
      clearTimeout(timer);
      reject(signal?.reason);
    }
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
