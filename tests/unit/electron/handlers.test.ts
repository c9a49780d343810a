// The handlers, called through the same dispatch the IPC and HTTP transports use, with
// real stores on a temp data dir (browser-host flavour: file key protection).
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { PNG } from 'pngjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHostHandlers, dispatchHostRequest } from '../../../electron/handlers/index.ts';
import { assembleHostDeps } from '../../../electron/hostDeps.ts';
import { createFileProtector } from '../../../electron/keys/protector.ts';
import { createBrowserOsPrintPort } from '../../../electron/os-print/osPrint.ts';
import { createPrintService } from '../../../electron/printing/service.ts';
import { createDisabledUpdates } from '../../../electron/update/controller.ts';
import type { HostHandlers } from '../../../shared/host/contract.ts';
import { ok } from '../../../shared/result.ts';
import { SAMPLE_SLIP } from './samples.ts';
import { tempDir } from './support.ts';

let dir: string;
let cleanup: () => Promise<void>;
let handlers: HostHandlers;

/** A 1-bit-looking label image, 80 mm at 300 dpi, black frame on white. */
function labelPng(width = 945, height = 600): Uint8Array {
  const png = new PNG({ width, height });
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const edge = x < 4 || y < 4 || x >= width - 4 || y >= height - 4;
      const i = (y * width + x) * 4;
      png.data.fill(edge ? 0 : 255, i, i + 3);
      png.data[i + 3] = 255;
    }
  }
  return PNG.sync.write(png);
}

beforeEach(async () => {
  ({ dir, cleanup } = await tempDir());
  const real = createPrintService({ dataDir: join(dir, 'printing') });
  const deps = assembleHostDeps({
    hostKind: 'browser',
    dataDir: dir,
    appName: 'Waypost',
    appVersion: '9.9.9',
    protector: createFileProtector(),
    osPrint: createBrowserOsPrintPort(join(dir, 'exports')),
    updates: () => createDisabledUpdates('9.9.9', { message: '不可用', messageEn: 'disabled' }),
    // The print service renders real previews; until its raster lands in every checkout,
    // previews here come from a fixed PNG so the PDF/preview plumbing is tested on its own.
    printService: {
      ...real,
      renderPreview: async () => ok({ png: labelPng(), widthDots: 945, heightDots: 600 }),
    },
  });
  handlers = createHostHandlers(deps);
});
afterEach(() => cleanup());

const call = (channel: string, request?: unknown) =>
  dispatchHostRequest(handlers, channel, request);

describe('host handlers', () => {
  it('app.info reports the host honestly, with free disk space', async () => {
    const info = await call('app.info');
    expect(info).toMatchObject({
      ok: true,
      value: {
        hostKind: 'browser',
        keyProtection: 'file',
        version: '9.9.9',
        dataDir: dir,
        electronVersion: null,
      },
    });
    if (info.ok) {
      const disk = (info.value as { disk: { freeBytes: number; totalBytes: number } | null }).disk;
      expect(disk?.freeBytes).toBeGreaterThan(0);
      expect(disk?.totalBytes).toBeGreaterThanOrEqual(disk?.freeBytes ?? 0);
    }
  });

  it('keys are stable and distinct', async () => {
    const a = await call('keys.databaseKey');
    const b = await call('keys.databaseKey');
    const c = await call('keys.blindIndexKey');
    expect(a).toEqual(b);
    expect(a.ok && c.ok && JSON.stringify(a.value) !== JSON.stringify(c.value)).toBe(true);
  });

  it('settings and device enrolment validate what the schema cannot', async () => {
    expect(await call('settings.set', { idleLockMinutes: 3 })).toMatchObject({
      ok: true,
      value: { idleLockMinutes: 3 },
    });
    expect(await call('settings.set', { idleLockMinutes: 0 })).toMatchObject({
      ok: false,
      error: { code: 'HOST_BAD_REQUEST' },
    });
    expect(await call('settings.get')).toMatchObject({ ok: true, value: { idleLockMinutes: 3 } });
    const enrolment = {
      serverUrl: 'http://jyt.example.cn',
      deviceId: 'D',
      stationId: 'S',
      stationCode: 'S001',
      credential: 'c',
      enrolledAt: 1,
    };
    expect(await call('device.setEnrolment', enrolment)).toMatchObject({
      ok: false,
      error: { code: 'SETTINGS_SERVER_URL_INSECURE' },
    });
    expect(
      await call('device.setEnrolment', { ...enrolment, serverUrl: 'https://jyt.example.cn/' }),
    ).toMatchObject({
      ok: true,
      value: { enrolment: { serverUrl: 'https://jyt.example.cn', credential: 'c' } },
    });
  });

  it('log.write redacts before writing', async () => {
    expect(
      await call('log.write', {
        entries: [
          {
            level: 'error',
            message: '身份证 110105199003071239',
            context: { phone: '13812345678' },
          },
        ],
      }),
    ).toEqual({ ok: true, value: { written: 1 } });
    const text = await readFile(join(dir, 'logs', 'host.log'), 'utf8');
    expect(text).not.toMatch(/110105199003071239|13812345678/);
  });

  it('idCard reads the simulator by default in the browser host', async () => {
    expect(await call('idCard.status')).toMatchObject({
      ok: true,
      value: { kind: 'simulator', connected: true },
    });
    expect(await call('idCard.read')).toMatchObject({
      ok: true,
      value: { idNumber: '110105199003071239' },
    });
    await call('settings.set', { idCardReader: { kind: 'none' } });
    expect(await call('idCard.read')).toMatchObject({
      ok: false,
      error: { code: 'IDCARD_NOT_CONFIGURED' },
    });
  });

  it('backups round-trip and refuse non-base64', async () => {
    const data = Buffer.from('encrypted-by-the-data-layer').toString('base64');
    const saved = await call('backup.save', { reason: 'scheduled', data, note: 'docs=3' });
    expect(saved.ok).toBe(true);
    const id = saved.ok ? (saved.value as { id: string }).id : '';
    expect(await call('backup.list')).toMatchObject({
      ok: true,
      value: [{ id, reason: 'scheduled' }],
    });
    expect(await call('backup.read', { id })).toMatchObject({ ok: true, value: { data } });
    expect(await call('backup.save', { reason: 'manual', data: 'not base64!' })).toMatchObject({
      ok: false,
      error: { code: 'HOST_BAD_REQUEST' },
    });
  });

  it('updates are disabled in the browser host, as data', async () => {
    expect(await call('update.state')).toMatchObject({ ok: true, value: { phase: 'disabled' } });
    expect(await call('update.check')).toMatchObject({
      ok: false,
      error: { code: 'UPDATE_DISABLED' },
    });
  });

  it('print.preview gives base64 PNG; savePdf writes a label-sized PDF; the OS dialog is Electron-only', async () => {
    const preview = await call('print.preview', { label: SAMPLE_SLIP });
    expect(preview).toMatchObject({ ok: true, value: { widthDots: 945, heightDots: 600 } });
    if (preview.ok) {
      const png = Buffer.from((preview.value as { png: string }).png, 'base64');
      expect(png.subarray(1, 4).toString()).toBe('PNG');
    }
    const saved = await call('print.savePdf', { label: SAMPLE_SLIP, fileName: 'slip.pdf' });
    expect(saved.ok).toBe(true);
    if (saved.ok) {
      const { path } = saved.value as { path: string };
      const pdf = await readFile(path);
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      // 945 × 600 dots at 300 dpi = 80.0 × 50.8 mm = 226.8 × 144 pt
      const doc = await PDFDocument.load(pdf);
      expect(doc.getPageCount()).toBe(1);
      const size = doc.getPage(0).getSize();
      expect(size.width).toBeCloseTo(226.8, 3);
      expect(size.height).toBeCloseTo(144, 3);
      expect(await readdir(join(dir, 'exports'))).toHaveLength(1);
    }
    expect(await call('print.osDialog', { label: SAMPLE_SLIP })).toMatchObject({
      ok: false,
      error: { code: 'HOST_UNSUPPORTED' },
    });
  });

  it('printing channels reach the print service', async () => {
    expect(await call('printers.list')).toMatchObject({ ok: true });
    expect(await call('print.ledger', {})).toMatchObject({ ok: true });
    expect(
      await call('print.label', { labelKey: 'slip:1', printerId: 'p1', label: { kind: 'nope' } }),
    ).toMatchObject({
      ok: false,
      error: { code: 'HOST_BAD_REQUEST' },
    });
  });

  it('refuses unknown channels and inherited names', async () => {
    for (const name of ['nope', 'toString', '__proto__', 'constructor', '']) {
      expect(await call(name)).toMatchObject({
        ok: false,
        error: { code: 'HOST_UNKNOWN_CHANNEL' },
      });
    }
  });
});
