// The renderer's host client (renderer/host) in a real Chromium against a real browser
// host: the launch link starts a session, and a page of another origin cannot use the host.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHost } from './support.ts';

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

let ctx: Awaited<ReturnType<typeof startTestHost>>;
let browser: Browser;
let foreign: Server;
let foreignOrigin: string;

beforeAll(async () => {
  ctx = await startTestHost({
    rendererHtml:
      '<!doctype html><meta charset="utf-8"><title>Waypost</title><script type="module" src="/assets/app.js"></script>',
  });
  // The real client, bundled the way Vite would: window.__host is the `host` object.
  const entry = join(ctx.root, 'entry.ts');
  await writeFile(
    entry,
    `import { host } from ${JSON.stringify(resolve('renderer/host/index.ts'))};\n(window as unknown as { __host: unknown }).__host = host;\n`,
  );
  await build({
    entryPoints: [entry],
    bundle: true,
    format: 'esm',
    outfile: join(ctx.rendererDir, 'assets', 'app.js'),
    logLevel: 'silent',
  });

  foreign = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end('<!doctype html><title>other local site</title>');
  });
  await new Promise<void>((done) => foreign.listen(0, '127.0.0.1', done));
  foreignOrigin = `http://127.0.0.1:${(foreign.address() as AddressInfo).port}`;
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await new Promise<void>((done) => (foreign ? foreign.close(() => done()) : done()));
  await ctx?.stop();
});

type PageHost = {
  __host: {
    app: { info(): Promise<unknown> };
    settings: { get(): Promise<unknown>; set(p: unknown): Promise<unknown> };
  };
};

describe('renderer host client in Chromium', () => {
  it('starts a session from the one-time launch link and keeps it across reloads', async () => {
    const page = await browser.newPage();
    const launch = ctx.host.newLaunchUrl();
    await page.goto(launch);
    await page.waitForFunction(() => '__host' in window);
    const info = await page.evaluate(() => (window as unknown as PageHost).__host.app.info());
    expect(info).toMatchObject({ ok: true, value: { hostKind: 'browser' } });
    expect(new URL(page.url()).hash).toBe('');
    await page.reload();
    await page.waitForFunction(() => '__host' in window);
    expect(
      await page.evaluate(() => (window as unknown as PageHost).__host.settings.get()),
    ).toMatchObject({ ok: true });

    // The same link in another browser profile is spent.
    const other = await (await browser.newContext()).newPage();
    await other.goto(launch);
    await other.waitForFunction(() => '__host' in window);
    expect(
      await other.evaluate(() => (window as unknown as PageHost).__host.app.info()),
    ).toMatchObject({
      ok: false,
      error: { code: 'HOST_UNAUTHORIZED' },
    });
  });

  it('a page of another local origin cannot call the host, even knowing the secret', async () => {
    const page = await browser.newPage();
    await page.goto(`${foreignOrigin}/`);
    const target = ctx.host.origin;
    const secret = await (async () => {
      const res = await fetch(`${target}/host/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: target },
        body: JSON.stringify({
          request: {
            launchToken: new URLSearchParams(new URL(ctx.host.newLaunchUrl()).hash.slice(1)).get(
              'waypost-launch',
            ),
          },
        }),
      });
      return ((await res.json()) as { value: { session: string } }).value.session;
    })();
    const outcome = await page.evaluate(
      async ({ target, secret }) => {
        const results: string[] = [];
        try {
          const res = await fetch(`${target}/host/settings.set`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-waypost-session': secret },
            body: JSON.stringify({ request: { idleLockMinutes: 99 } }),
          });
          results.push(`cors:${res.status}`);
        } catch {
          results.push('cors:blocked');
        }
        // A "simple" request needs no preflight and reaches the server: the host must refuse it.
        await fetch(`${target}/host/settings.set`, {
          method: 'POST',
          mode: 'no-cors',
          headers: { 'content-type': 'text/plain' },
          body: JSON.stringify({ request: { idleLockMinutes: 98 } }),
        }).catch(() => undefined);
        return results;
      },
      { target, secret },
    );
    expect(outcome).toEqual(['cors:blocked']);
    const settings = await ctx.host.deps.settings.get();
    expect(settings.idleLockMinutes).toBe(10);
  });

  it('the app page runs under the CSP: no inline script', async () => {
    const page = await browser.newPage();
    await page.goto(ctx.host.newLaunchUrl());
    await page.waitForFunction(() => '__host' in window);
    const ran = await page.evaluate(() => {
      const s = document.createElement('script');
      s.textContent = 'window.__inline = true';
      document.head.append(s);
      return '__inline' in window;
    });
    expect(ran).toBe(false);
  });
});
