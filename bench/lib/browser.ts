// Chromium for the benchmarks: builds the harness page, serves it on loopback (with a proxy to
// the Waypost server and to pouchdb-server, so both are same-origin and pay the same hop), and
// drives it through playwright-core. A persistent profile on disk: IndexedDB in an incognito
// context lives in memory, which would flatter every number.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, request as httpRequest, Agent, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { build } from 'vite';
import type { HarnessApi } from '../harness/api.ts';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
};

let built: Promise<string> | null = null;

/** Builds bench/harness once per process into a temporary directory. */
export function buildHarness(): Promise<string> {
  built ??= (async () => {
    const outDir = await mkdtemp(path.join(tmpdir(), 'waypost-bench-harness-'));
    await build({
      configFile: path.resolve('bench/harness/vite.config.ts'),
      build: { outDir },
      logLevel: 'warn',
    });
    return outDir;
  })();
  return built;
}

export interface ProxyTargets {
  /** Origin of the Waypost server, served under /waypost. */
  waypost?: string;
  /** Origin of pouchdb-server, served under /couch. */
  couch?: string;
}

interface HarnessServer {
  origin: string;
  targets: ProxyTargets;
  close(): Promise<void>;
}

const upstreamAgent = new Agent({ keepAlive: true, maxSockets: 64 });

async function serveHarness(dir: string, targets: ProxyTargets): Promise<HarnessServer> {
  const server: Server = createServer((req, res) => {
    const url = req.url ?? '/';
    const prefix = url.startsWith('/waypost/')
      ? 'waypost'
      : url.startsWith('/couch/')
        ? 'couch'
        : null;
    const target = prefix ? targets[prefix] : undefined;
    if (prefix && target) {
      const upstream = new URL(url.slice(prefix.length + 1), target);
      const headers = { ...req.headers, host: upstream.host };
      delete headers.origin;
      const forward = httpRequest(
        upstream,
        { method: req.method, headers, agent: upstreamAgent },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      forward.on('error', () => {
        if (!res.headersSent) res.writeHead(502);
        res.end();
      });
      req.pipe(forward);
      return;
    }
    const file = path.join(
      dir,
      path.normalize(url.split('?')[0] ?? '/').replace(/^\/+$/, '/index.html'),
    );
    if (!file.startsWith(dir)) {
      res.writeHead(403).end();
      return;
    }
    readFile(file).then(
      (body) => {
        res.writeHead(200, {
          'content-type': MIME[path.extname(file)] ?? 'application/octet-stream',
        });
        res.end(body);
      },
      () => res.writeHead(404).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    targets,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

type Fn = (...args: never[]) => unknown;
type Args<F> = F extends (...args: infer A) => unknown ? A : never;
type Ret<F> = F extends (...args: never[]) => infer R ? Awaited<R> : never;

export interface Harness {
  page: Page;
  context: BrowserContext;
  origin: string;
  /** Points the proxy at (new) upstreams. */
  setTargets(targets: ProxyTargets): void;
  call<K extends keyof HarnessApi>(
    name: K,
    ...args: HarnessApi[K] extends Fn ? Args<HarnessApi[K]> : never
  ): Promise<HarnessApi[K] extends Fn ? Ret<HarnessApi[K]> : never>;
  /** Reloads the page (a fresh JavaScript realm on the same IndexedDB). */
  reload(): Promise<void>;
  close(): Promise<void>;
}

export async function chromiumVersion(): Promise<string> {
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  const version = browser.version();
  await browser.close();
  return version;
}

export async function openHarness(targets: ProxyTargets = {}): Promise<Harness> {
  const dir = await buildHarness();
  const server = await serveHarness(dir, { ...targets });
  const profile = await mkdtemp(path.join(tmpdir(), 'waypost-bench-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_ARGS,
    headless: true,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(0);
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  async function load(): Promise<void> {
    await page.goto(`${server.origin}/index.html`);
    await page.waitForFunction(() => window.waypostBench !== undefined, undefined, {
      timeout: 30_000,
    });
    const photo = currentPhoto;
    if (photo) await page.evaluate((b64) => window.waypostBench?.setPhoto(b64), photo);
  }
  let currentPhoto: string | null = null;
  await load();
  const harness: Harness = {
    page,
    context,
    origin: server.origin,
    setTargets(next) {
      Object.assign(server.targets, next);
    },
    async call(name, ...args) {
      if (name === 'setPhoto') currentPhoto = String(args[0]);
      return page.evaluate(
        async ([fn, fnArgs]) => {
          const api = window.waypostBench;
          if (!api) throw new Error('harness not loaded');
          const method = api[fn] as (...a: unknown[]) => unknown;
          return method(...fnArgs);
        },
        [name, args] as const,
      ) as never;
    },
    reload: load,
    async close() {
      await context.close();
      await server.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
  return harness;
}
