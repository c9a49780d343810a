import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { decode, encode } from 'jpeg-js';
import { afterEach, describe, expect, it } from 'vitest';
import { createHttpReader, toJpegBase64 } from '../../../electron/idcard/httpReader.ts';
import { createIdCardReader } from '../../../electron/idcard/index.ts';
import { PORTRAIT_SIZE, syntheticPortraitJpeg } from '../../../electron/idcard/portrait.ts';
import { createSimulatedReader } from '../../../electron/idcard/simulator.ts';
import { parseResidentId } from '../../../shared/validation/index.ts';

describe('simulated ID reader', () => {
  it('reads synthetic cards with valid ID numbers and a real JPEG portrait', async () => {
    const reader = createSimulatedReader({ now: () => 42 });
    expect(await reader.status()).toMatchObject({
      ok: true,
      value: { kind: 'simulator', connected: true },
    });
    const card = await reader.read();
    if (!card.ok) throw new Error(card.error.code);
    expect(card.value).toMatchObject({
      name: '王小明',
      idNumber: '110105199003071239',
      sex: 'male',
      birthDate: '1990-03-07',
      readAt: 42,
    });
    const id = parseResidentId(card.value.idNumber);
    expect(id.ok && id.value.birthDate).toBe(card.value.birthDate);
    const image = decode(Buffer.from(card.value.photo, 'base64'));
    expect({ width: image.width, height: image.height }).toEqual(PORTRAIT_SIZE);
    const second = await reader.read();
    expect(second.ok && second.value.name).toBe('李𠮷');
  });

  it('portraits differ by seed', () => {
    expect(
      Buffer.from(syntheticPortraitJpeg(1)).equals(Buffer.from(syntheticPortraitJpeg(2))),
    ).toBe(false);
  });
});

describe('vendor HTTP reader adapter', () => {
  let server: Server | undefined;
  afterEach(
    () => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())),
  );

  function bmp24(width: number, height: number): Buffer {
    const stride = Math.ceil((width * 3) / 4) * 4;
    const buf = Buffer.alloc(54 + stride * height);
    buf.write('BM', 0, 'latin1');
    buf.writeUInt32LE(buf.length, 2);
    buf.writeUInt32LE(54, 10);
    buf.writeUInt32LE(40, 14);
    buf.writeInt32LE(width, 18);
    buf.writeInt32LE(height, 22);
    buf.writeUInt16LE(1, 26);
    buf.writeUInt16LE(24, 28);
    // bottom row red, the rest white (BGR order)
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const o = 54 + y * stride + x * 3;
        buf[o] = y === 0 ? 0 : 255;
        buf[o + 1] = y === 0 ? 0 : 255;
        buf[o + 2] = 255;
      }
    }
    return buf;
  }

  async function vendor(handler: (path: string) => [number, unknown]): Promise<string> {
    server = createServer((req, res) => {
      const [status, body] = handler(req.url ?? '/');
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    });
    await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server?.address() as AddressInfo).port}`;
  }

  it('maps a vendor payload (aliases, compact dates, BMP photo) to IdCardData', async () => {
    const url = await vendor((path) =>
      path === '/status'
        ? [200, { connected: true, model: 'CVR-100U' }]
        : [
            200,
            {
              partyName: '王小明',
              gender: '男',
              nation: '汉族',
              bornDay: '19900307',
              certAddress: '北京市朝阳区建国路100号',
              certNumber: '110105199003071239',
              certOrg: '北京市公安局朝阳分局',
              effDate: '20150601',
              expDate: '长期',
              identityPic: bmp24(102, 126).toString('base64'),
            },
          ],
    );
    const reader = createHttpReader({ url, now: () => 7 });
    expect(await reader.status()).toEqual({
      ok: true,
      value: { kind: 'http', connected: true, model: 'CVR-100U', detail: null },
    });
    const card = await reader.read();
    if (!card.ok) throw new Error(card.error.code);
    expect(card.value).toMatchObject({
      name: '王小明',
      sex: 'male',
      nation: '汉',
      birthDate: '1990-03-07',
      validFrom: '2015-06-01',
      validTo: '长期',
      readAt: 7,
    });
    const photo = decode(Buffer.from(card.value.photo, 'base64'));
    expect([photo.width, photo.height]).toEqual([102, 126]);
    // bottom-up BMP: the red row must end up at the bottom of the JPEG
    const last = (125 * 102 + 50) * 4;
    expect(photo.data[last]).toBeGreaterThan(200);
    expect(photo.data[last + 1]).toBeLessThan(60);
  });

  it('reports no card, bad numbers and an absent service as errors', async () => {
    let mode: 'nocard' | 'badid' = 'nocard';
    const url = await vendor(() =>
      mode === 'nocard'
        ? [404, { code: 'NO_CARD' }]
        : [
            200,
            {
              name: '王小明',
              idNumber: '110105199003071230',
              photo: encode({ width: 2, height: 2, data: Buffer.alloc(16, 255) }).data.toString(
                'base64',
              ),
            },
          ],
    );
    const reader = createHttpReader({ url });
    expect(await reader.read()).toMatchObject({ ok: false, error: { code: 'IDCARD_NO_CARD' } });
    mode = 'badid';
    expect(await reader.read()).toMatchObject({ ok: false, error: { code: 'IDCARD_BAD_NUMBER' } });
    const gone = createHttpReader({ url: 'http://127.0.0.1:9', timeoutMs: 500 });
    expect(await gone.read()).toMatchObject({
      ok: false,
      error: { code: 'IDCARD_READER_UNAVAILABLE' },
    });
    expect(await gone.status()).toMatchObject({ ok: true, value: { connected: false } });
  });

  it('rejects photos it cannot convert', () => {
    expect(toJpegBase64(Buffer.from('GIF89a....').toString('base64'))).toBeNull();
  });

  it('never builds an HTTP reader for a non-loopback URL', async () => {
    const reader = createIdCardReader({ kind: 'http', url: 'http://reader.example.cn' });
    expect(await reader.status()).toMatchObject({ ok: true, value: { kind: 'none' } });
    expect(await createIdCardReader({ kind: 'none' }).read()).toMatchObject({
      ok: false,
      error: { code: 'IDCARD_NOT_CONFIGURED' },
    });
  });
});
