// Are we online? navigator.onLine events are a hint (they only know about the network
// adapter); the truth is a `GET /health` probe of the sync server. While offline, probes
// repeat with backoff; a failed sync request triggers a probe at once.
import { BehaviorSubject, type Observable } from 'rxjs';
import { createBackoff, sleep } from './backoff.ts';

export interface Connectivity {
  readonly online: boolean;
  readonly online$: Observable<boolean>;
  /** A sync request got no answer: check now. */
  reportNetworkFailure(): void;
  /** Resolves when online (immediately if online now). */
  waitOnline(signal?: AbortSignal): Promise<void>;
  stop(): void;
}

export interface ConnectivityOptions {
  baseUrl: string;
  healthPath?: string;
  fetch?: typeof fetch;
  /** Where `online` / `offline` events come from (the window in a browser). */
  events?: Pick<EventTarget, 'addEventListener' | 'removeEventListener'> | null;
  /** navigator.onLine where there is one. */
  navigatorOnLine?: () => boolean | undefined;
  probeTimeoutMs?: number;
  maxProbeIntervalMs?: number;
}

export function createConnectivity(options: ConnectivityOptions): Connectivity {
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const url = `${options.baseUrl.replace(/\/$/, '')}${options.healthPath ?? '/health'}`;
  const online$ = new BehaviorSubject<boolean>(options.navigatorOnLine?.() ?? true);
  // Capped low: a van back in coverage should sync within seconds, and a /health probe
  // every 3 s while offline costs a few hundred bytes.
  const backoff = createBackoff({ baseMs: 500, maxMs: options.maxProbeIntervalMs ?? 3_000 });
  const stopped = new AbortController();
  let probing: Promise<void> | null = null;

  async function probeOnce(): Promise<boolean> {
    try {
      const response = await doFetch(url, {
        cache: 'no-store',
        credentials: 'omit',
        signal: AbortSignal.any([
          stopped.signal,
          AbortSignal.timeout(options.probeTimeoutMs ?? 5_000),
        ]),
      });
      await response.body?.cancel();
      return response.ok;
    } catch {
      return false;
    }
  }

  /** Probe until the server answers (or we stop); one loop at a time. */
  function probe(): Promise<void> {
    probing ??= (async () => {
      while (!stopped.signal.aborted) {
        if (await probeOnce()) {
          backoff.reset();
          if (!online$.value) online$.next(true);
          return;
        }
        if (online$.value) online$.next(false);
        backoff.fail();
        await sleep(Math.max(250, backoff.nextDelay()), stopped.signal).catch(() => undefined);
      }
    })().finally(() => {
      probing = null;
    });
    return probing;
  }

  const onOnline = () => void probe();
  const onOffline = () => {
    if (online$.value) online$.next(false);
    void probe();
  };
  options.events?.addEventListener('online', onOnline);
  options.events?.addEventListener('offline', onOffline);
  void probe();

  return {
    get online() {
      return online$.value;
    },
    online$: online$.asObservable(),
    reportNetworkFailure() {
      void probe();
    },
    async waitOnline(signal) {
      if (online$.value) return;
      await new Promise<void>((resolve, reject) => {
        const sub = online$.subscribe((value) => {
          if (value) {
            queueMicrotask(() => sub.unsubscribe());
            signal?.removeEventListener('abort', onAbort);
            resolve();
          }
        });
        function onAbort() {
          sub.unsubscribe();
          reject(signal?.reason);
        }
        signal?.addEventListener('abort', onAbort, { once: true });
      });
    },
    stop() {
      stopped.abort();
      options.events?.removeEventListener('online', onOnline);
      options.events?.removeEventListener('offline', onOffline);
      online$.complete();
    },
  };
}
