// `npm run host`: the browser host on its own.
//   PORT (default 5180; 0 = any free port)   DATA_DIR (default ./data/browser-host)
//   RENDERER_DIR (default ./dist/renderer)   WAYPOST_SERVER_URL (preset server URL)
//   WAYPOST_HOST_SECRET (fixed session secret, for tests: open /#waypost-session=<secret>)
//   WAYPOST_FONT_PATHS (label fonts, separated by the OS path delimiter)
// The ID-card reader and printers are configured through the app's settings (the browser
// host defaults to the simulated reader).
import { delimiter } from 'node:path';
import { createInterface } from 'node:readline';
import { runBrowserHost } from './run.ts';

const env = process.env;
const host = await runBrowserHost({
  dataDir: env.DATA_DIR ?? 'data/browser-host',
  rendererDir: env.RENDERER_DIR ?? 'dist/renderer',
  port: Number(env.PORT ?? 5180),
  ...(env.WAYPOST_HOST_SECRET ? { sessionSecret: env.WAYPOST_HOST_SECRET } : {}),
  ...(env.WAYPOST_SERVER_URL ? { serverUrl: env.WAYPOST_SERVER_URL } : {}),
  ...(env.WAYPOST_FONT_PATHS ? { fontPaths: env.WAYPOST_FONT_PATHS.split(delimiter) } : {}),
  ...(env.npm_package_version ? { appVersion: env.npm_package_version } : {}),
  onError: (channel, error) =>
    console.error(`[host] ${channel}:`, error instanceof Error ? error.message : error),
});

// Machine-readable lines first (tests and scripts/start.ts read them), then the human text.
console.log(`WAYPOST_HOST_URL=${host.origin}/`);
console.log(`WAYPOST_LAUNCH_URL=${host.newLaunchUrl()}`);
console.log('浏览器主机已启动。用浏览器打开上面的 WAYPOST_LAUNCH_URL（一次性链接）。');
console.log('Browser host running. Open WAYPOST_LAUNCH_URL above (single use).');
if (process.stdin.isTTY) {
  console.log('按回车生成新的一次性链接 / Press Enter for a new launch link.');
  createInterface({ input: process.stdin }).on('line', () => console.log(host.newLaunchUrl()));
}

const stop = () => {
  void host.close().then(() => process.exit(0));
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
