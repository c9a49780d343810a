// `npm start`: the whole thing on one machine for a demo or development.
//   1. the central server (embedded PGlite), seeded with demo data on first start;
//   2. the desktop app — Electron when its binary is installed, otherwise the browser host
//      (same handlers) with a one-time link to open, and Chromium opened on it if present.
// Missing parts are reported plainly and skipped; nothing here needs the internet.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { runBrowserHost } from '../electron/browser-host/run.ts';

const root = resolve(import.meta.dirname, '..');
const env = process.env;
const serverPort = Number(env.PORT ?? 8787);
const serverDataDir = resolve(root, env.DATA_DIR ?? 'data/server');
const serverUrl = env.WAYPOST_SERVER_URL ?? `http://127.0.0.1:${serverPort}`;
const hostPort = Number(env.HOST_PORT ?? 5180);
const children: ChildProcess[] = [];
const tsx = join(root, 'node_modules', '.bin', process.platform === 'win32' ? 'tsx.cmd' : 'tsx');

const say = (zh: string, en: string) => console.log(`\n▶ ${zh}\n  ${en}`);

function run(command: string, args: string[], extraEnv: Record<string, string> = {}): number {
  const result = spawnSync(command, args, {
    cwd: root,
    stdio: 'inherit',
    env: { ...env, ...extraEnv },
    shell: process.platform === 'win32',
  });
  return result.status ?? 1;
}

function electronBinary(): string | null {
  try {
    const path: unknown = createRequire(import.meta.url)('electron');
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null; // the npm package throws when its binary was never downloaded
  }
}

async function waitForHealth(url: string, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`${url}/health`, { signal: AbortSignal.timeout(2000) });
      if (res.ok) return true;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  return false;
}

async function startServer(): Promise<boolean> {
  if (!existsSync(join(root, 'server', 'main.ts'))) {
    say(
      '中心服务器尚未构建（缺少 server/main.ts），本次仅启动桌面端（离线）。',
      'The central server is not built yet (no server/main.ts); starting the desktop app offline.',
    );
    return false;
  }
  const marker = join(serverDataDir, '.demo-seeded');
  if (!existsSync(marker)) {
    if (existsSync(join(root, 'server', 'admin', 'cli.ts'))) {
      say('首次启动：写入演示数据（站点、人员、设备登记码）…', 'First start: seeding demo data…');
      mkdirSync(serverDataDir, { recursive: true });
      const status = run(tsx, ['server/admin/cli.ts', 'seed', 'demo'], { DATA_DIR: serverDataDir });
      if (status === 0) writeFileSync(marker, new Date().toISOString());
      else say('演示数据写入失败（见上方输出）。', 'Seeding demo data failed (see above).');
    } else {
      say(
        '缺少 server/admin/cli.ts，跳过演示数据。',
        'No server/admin/cli.ts: skipping demo data.',
      );
    }
  }
  say(`启动中心服务器 ${serverUrl} …`, `Starting the central server at ${serverUrl}…`);
  const server = spawn(tsx, ['server/main.ts'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...env, PORT: String(serverPort), DATA_DIR: serverDataDir },
    shell: process.platform === 'win32',
  });
  children.push(server);
  const up = await waitForHealth(serverUrl, 60_000);
  if (!up)
    say(
      '中心服务器未在 60 秒内就绪，桌面端仍会启动（离线可用）。',
      'Server not healthy within 60 s; continuing.',
    );
  return up;
}

function ensureRendererBuilt(): void {
  if (existsSync(join(root, 'dist', 'renderer', 'index.html'))) return;
  if (!existsSync(join(root, 'renderer', 'vite.config.ts'))) {
    say(
      '界面尚未实现（缺少 renderer/vite.config.ts）。',
      'The renderer is not there yet (no renderer/vite.config.ts).',
    );
    return;
  }
  say('构建界面（npm run build:renderer）…', 'Building the renderer…');
  if (run('npm', ['run', 'build:renderer']) !== 0) {
    say('界面构建失败，见上方输出。', 'Renderer build failed; see above.');
  }
}

function startElectron(binary: string): void {
  say('构建并启动 Electron 桌面端…', 'Building and starting the Electron app…');
  if (run('npm', ['run', 'build:electron']) !== 0) {
    say('Electron 主进程构建失败。', 'Building Electron main failed.');
    process.exit(1);
  }
  const app = spawn(binary, ['.'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...env, WAYPOST_SERVER_URL: serverUrl },
  });
  children.push(app);
  app.on('exit', (code) => shutdown(code ?? 0));
}

function chromiumPath(): string | null {
  const candidates = [
    env.CHROMIUM_PATH,
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
  ];
  return candidates.find((p): p is string => !!p && existsSync(p)) ?? null;
}

async function startBrowserHostInstead(): Promise<void> {
  say(
    '未找到 Electron 可执行文件（本机无法下载），改用浏览器主机：功能相同，密钥以本地文件（0600）保存。',
    'No Electron binary (it cannot be downloaded here): serving the app through the browser host instead (same handlers; keys kept in a 0600 file).',
  );
  const host = await runBrowserHost({
    dataDir: resolve(root, env.HOST_DATA_DIR ?? 'data/browser-host'),
    rendererDir: join(root, 'dist', 'renderer'),
    port: hostPort,
    serverUrl,
    ...(env.npm_package_version ? { appVersion: env.npm_package_version } : {}),
  });
  const launch = host.newLaunchUrl();
  console.log(`\nWAYPOST_LAUNCH_URL=${launch}`);
  say(
    '用浏览器打开上面的一次性链接（只能使用一次）。',
    'Open the single-use link above in a browser.',
  );
  const browser = chromiumPath();
  const hasDisplay = process.platform !== 'linux' || !!env.DISPLAY || !!env.WAYLAND_DISPLAY;
  if (browser && hasDisplay) {
    const profile = resolve(root, 'data', 'chromium-profile');
    const chromium = spawn(
      browser,
      [`--user-data-dir=${profile}`, '--no-first-run', `--app=${launch}`],
      {
        stdio: 'ignore',
        detached: false,
      },
    );
    children.push(chromium);
  } else if (browser) {
    say(
      '没有图形界面（DISPLAY 未设置），请在有桌面的浏览器中打开链接。',
      'No display: open the link in a desktop browser.',
    );
  }
  process.once('SIGINT', () => void host.close().then(() => shutdown(0)));
  process.once('SIGTERM', () => void host.close().then(() => shutdown(0)));
}

function shutdown(code: number): void {
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  process.exit(code);
}

await startServer();
ensureRendererBuilt();
const binary = electronBinary();
if (binary) {
  process.once('SIGINT', () => shutdown(0));
  process.once('SIGTERM', () => shutdown(0));
  startElectron(binary);
} else {
  await startBrowserHostInstead();
}
