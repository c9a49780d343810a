// pouchdb-server (CouchDB protocol over PouchDB + LevelDB, from npm) in its own process and a
// temporary directory, for the peer comparison of the sync benchmark.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface PouchServer {
  origin: string;
  pid: number;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

export async function startPouchServer(): Promise<PouchServer> {
  const dir = await mkdtemp(path.join(tmpdir(), 'waypost-bench-pouchdb-'));
  const port = await freePort();
  const bin = path.resolve('bench/peer/node_modules/pouchdb-server/bin/pouchdb-server');
  // cwd is the temporary directory: pouchdb-server writes config.json and log.txt there.
  const child: ChildProcess = spawn(
    process.execPath,
    [
      bin,
      '--port',
      String(port),
      '--host',
      '127.0.0.1',
      '--dir',
      dir,
      '--config',
      path.join(dir, 'config.json'),
      '--no-stdout-logs',
      '--no-color',
    ],
    { cwd: dir, stdio: ['ignore', 'ignore', 'inherit'] },
  );
  const origin = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      const response = await fetch(`${origin}/`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline || child.exitCode !== null)
      throw new Error('pouchdb-server did not start');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    origin,
    pid: child.pid ?? 0,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
        child.kill('SIGTERM');
        await exited;
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
}
