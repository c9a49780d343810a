// The data layer in real Chromium with a persistent profile:
// 1. the browser process is SIGKILLed while records are being written; reopened, every
//    acknowledged record is there and reaches the server exactly once;
// 2. the profile's files on disk (IndexedDB LevelDB, caches, everything) hold no plaintext ID
//    number, mobile, name or address of the records written.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, expect, test, type Browser, type Page } from '@playwright/test';
import { build } from 'vite';
import { chromiumArgs } from './playwright.config.ts';
import {
  loginAs,
  pullAll,
  startTestServer,
  type Session,
  type TestServer,
} from '../support/server-app.ts';
import { ADDRESS_DETAIL, APPLICANT_NAME, acceptanceNo, syntheticPerson } from './harness/people.ts';

const harnessRoot = fileURLToPath(new URL('./harness', import.meta.url));
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

async function buildHarness(outDir: string): Promise<void> {
  const previous = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production'; // a production build: no dev-mode, z-schema validation
  try {
    await build({
      configFile: false,
      root: harnessRoot,
      base: './',
      logLevel: 'warn',
      mode: 'production',
      build: { outDir, emptyOutDir: true, target: 'chrome120', modulePreload: { polyfill: false } },
    });
  } finally {
    process.env.NODE_ENV = previous;
  }
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

/** Serves the built harness and forwards /api and /health to the sync server (one origin). */
async function startOrigin(
  staticDir: string,
  target: string,
): Promise<{ url: string; close(): Promise<void> }> {
  const upstream = new URL(target);
  const server = http.createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (path.startsWith('/api/') || path === '/health') {
      const forward = http.request(
        {
          host: upstream.hostname,
          port: upstream.port,
          method: req.method,
          path: req.url,
          headers: req.headers,
        },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      forward.on('error', () => res.destroy());
      res.on('close', () => forward.destroy());
      req.pipe(forward);
      return;
    }
    const file = normalize(join(staticDir, path === '/' ? 'index.html' : path));
    if (!file.startsWith(staticDir)) {
      res.writeHead(403).end();
      return;
    }
    readFile(file).then(
      (body) =>
        res
          .writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' })
          .end(body),
      () => res.writeHead(404).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

interface RunningBrowser {
  child: ChildProcess;
  browser: Browser;
  page: Page;
}

/** Our own Chromium process (so it can be SIGKILLed), driven over CDP by Playwright. */
async function launch(profile: string): Promise<RunningBrowser> {
  const child = spawn(
    CHROMIUM,
    [
      '--headless=new',
      `--user-data-dir=${profile}`,
      '--remote-debugging-port=0',
      ...chromiumArgs,
      'about:blank',
    ],
    { detached: true, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  const ws = await new Promise<string>((resolve, reject) => {
    let text = '';
    const timer = setTimeout(() => reject(new Error(`no DevTools endpoint: ${text}`)), 60_000);
    child.stderr?.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      const match = /DevTools listening on (ws:\/\/\S+)/.exec(text);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.once('exit', () => reject(new Error(`chromium exited: ${text}`)));
  });
  const browser = await chromium.connectOverCDP(ws);
  const context = browser.contexts()[0] ?? (await browser.newContext());
  const page = context.pages()[0] ?? (await context.newPage());
  return { child, browser, page };
}

async function killHard(running: RunningBrowser): Promise<void> {
  const exited = new Promise((r) => running.child.once('exit', r));
  process.kill(-(running.child.pid ?? 0), 'SIGKILL'); // the browser and its children
  await exited;
}

async function closeGently(running: RunningBrowser): Promise<void> {
  await running.page.evaluate(() => window.harness.close()).catch(() => undefined);
  const exited = new Promise((r) => running.child.once('exit', r));
  const cdp = await running.browser.contexts()[0]?.newCDPSession(running.page);
  await cdp?.send('Browser.close').catch(() => undefined);
  await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
  if (running.child.exitCode === null) process.kill(-(running.child.pid ?? 0), 'SIGKILL');
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

/** Which of the needles occur in any file of the profile, as UTF-8 or UTF-16LE. */
async function findInProfile(profile: string, needles: string[]): Promise<Map<string, string[]>> {
  const found = new Map<string, string[]>();
  const patterns = needles.map((n) => ({
    n,
    forms: [Buffer.from(n, 'utf8'), Buffer.from(n, 'utf16le')],
  }));
  for (const file of await filesUnder(profile)) {
    const bytes = await readFile(file).catch(() => null);
    if (!bytes) continue;
    for (const { n, forms } of patterns) {
      if (forms.some((form) => bytes.includes(form))) found.set(n, [...(found.get(n) ?? []), file]);
    }
  }
  return found;
}

test.describe('data layer in Chromium', () => {
  test.describe.configure({ mode: 'serial', timeout: 300_000 });
  let server: TestServer;
  let session: Session;
  let origin: { url: string; close(): Promise<void> };
  let work: string;
  let profile: string;
  const keys = {
    databaseKey: randomBytes(32).toString('base64'),
    blindIndexKey: randomBytes(32).toString('base64'),
  };
  const acked: string[] = [];
  let written = 0;

  test.beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'waypost-data-e2e-'));
    profile = join(work, 'profile');
    await buildHarness(join(work, 'harness'));
    server = await startTestServer({ listen: true });
    session = await loginAs(server, { stationId: 'S020' });
    origin = await startOrigin(join(work, 'harness'), server.baseUrl!);
  });

  test.afterAll(async () => {
    await origin?.close();
    server?.app.server.closeAllConnections();
    await server?.close();
    await rm(work, { recursive: true, force: true });
  });

  async function openHarness(running: RunningBrowser): Promise<void> {
    await running.page.exposeFunction('ackWrite', (id: string) => {
      acked.push(id);
    });
    await running.page.goto(`${origin.url}/index.html`);
    await expect(running.page.locator('#state')).toHaveText('ready');
    await running.page.evaluate((k) => window.harness.open(k), {
      ...keys,
      deviceId: session.deviceId,
    });
  }

  test('a browser killed mid-write keeps every acknowledged record; each reaches the server once', async () => {
    const first = await launch(profile);
    await openHarness(first);
    await first.page.evaluate((s) => window.harness.startSync(s), {
      accessToken: session.accessToken,
      refreshToken: session.refreshToken,
      deviceId: session.deviceId,
    });
    const total = 400;
    written = total;
    const writing = first.page
      .evaluate((input) => window.harness.write(input), {
        from: 0,
        count: total,
        stationId: 'S020',
        deviceId: session.deviceId,
        name: APPLICANT_NAME,
        detail: ADDRESS_DETAIL,
      })
      .catch(() => 'killed');
    await expect.poll(() => acked.length, { timeout: 120_000 }).toBeGreaterThanOrEqual(60);
    await killHard(first);
    expect(await writing).toBe('killed');
    const acknowledged = [...acked];
    expect(acknowledged.length).toBeLessThan(total); // really mid-write

    const second = await launch(profile);
    try {
      await openHarness(second);
      const local = await second.page.evaluate(() => window.harness.ids());
      const missing = acknowledged.filter((id) => !local.includes(id));
      expect(missing).toEqual([]);
      await second.page.evaluate((s) => window.harness.startSync(s), {
        accessToken: session.accessToken,
        refreshToken: session.refreshToken,
        deviceId: session.deviceId,
      });
      await expect
        .poll(
          async () => {
            const onServer = (await pullAll(server, session, 'applications', null, 2000)).documents;
            return acknowledged.filter((id) => !onServer.some((d) => d.id === id)).length;
          },
          { timeout: 120_000 },
        )
        .toBe(0);
      const onServer = (await pullAll(server, session, 'applications', null, 2000)).documents;
      for (const id of acknowledged) {
        expect(onServer.filter((d) => d.id === id)).toHaveLength(1);
      }
      const numbers = onServer.map((d) => String(d['acceptanceNo']));
      expect(new Set(numbers).size).toBe(numbers.length); // no record stored twice
      const pending = await second.page.evaluate(() => window.harness.awaitInSync());
      expect(pending).toBe(0);
    } finally {
      await closeGently(second);
    }
  });

  test('no plaintext ID number, mobile, name or address in the profile on disk', async () => {
    expect(acked.length).toBeGreaterThan(0);
    const secrets: string[] = [APPLICANT_NAME, ADDRESS_DETAIL];
    for (let n = 0; n < Math.min(written, acked.length + 5); n += 1) {
      const person = syntheticPerson(n);
      secrets.push(person.idNumber, person.mobile);
    }
    // Positive control: the acceptance number is stored in the clear (it is an index), so the
    // search does see the IndexedDB files.
    const control = acceptanceNo(1);
    const found = await findInProfile(profile, [control, ...secrets]);
    expect(found.get(control)?.some((file) => file.includes('IndexedDB'))).toBe(true);
    const leaks = secrets
      .filter((s) => found.has(s))
      .map((s) => `${s.slice(0, 3)}… in ${found.get(s)?.join(', ')}`);
    expect(leaks).toEqual([]);
  });
});
