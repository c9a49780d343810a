// A virtual raw-TCP label printer for tests: a real TCP server on 127.0.0.1
// that captures bytes per connection, answers real-time status queries like a
// printer (ok / paper out / near end / silent), can "lose power" after N labels,
// and decodes the captured ESC/POS `GS v 0` raster and TSPL `BITMAP` labels
// back into 1-bit images and PNG files (pngjs) for barcode readers.
//
// It decodes the byte stream independently of the production encoders, so a
// test that reads a barcode off its PNG checks the whole path.
import { mkdirSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { PNG } from 'pngjs';

export type VirtualProtocol = 'escpos' | 'tspl';
export type VirtualStatus = 'ok' | 'paper_out' | 'near_end' | 'silent';
/**
 * - `after_ack`: label N is received and acknowledged; the connection dies as
 *   soon as the next label starts arriving (that label is lost).
 * - `before_ack`: the connection dies right after label N's last byte, before
 *   any status answer (label N printed, but the host cannot know).
 */
export type DropMode = 'after_ack' | 'before_ack';

export interface VirtualPrinterOptions {
  readonly protocol: VirtualProtocol;
  readonly status?: VirtualStatus;
  /** Dots per mm used to size TSPL labels (SIZE is in mm). Default 8 (203 dpi). */
  readonly dotsPerMm?: number;
  readonly dropAfterLabels?: number;
  readonly dropMode?: DropMode;
}

/** 1 = black, rows of bytes, most significant bit = leftmost dot. */
export interface CapturedImage {
  readonly widthDots: number;
  readonly heightDots: number;
  readonly bytesPerRow: number;
  readonly data: Uint8Array;
}

export interface CapturedLabel {
  /** 0-based, in order of completion across all connections. */
  readonly index: number;
  readonly connectionId: number;
  readonly protocol: VirtualProtocol;
  readonly image: CapturedImage;
  /** TSPL SIZE in mm, where given. */
  readonly sizeMm?: { readonly width: number; readonly height: number };
}

export interface CapturedConnection {
  readonly id: number;
  readonly chunks: Buffer[];
  dropped: boolean;
}

const ESC = 0x1b;
const GS = 0x1d;
const DLE = 0x10;

export class VirtualPrinter {
  readonly labels: CapturedLabel[] = [];
  readonly connections: CapturedConnection[] = [];
  statusQueries = 0;
  private status: VirtualStatus;
  private dropAfter: number | undefined;
  private dropMode: DropMode;
  private readonly sockets = new Set<net.Socket>();

  private constructor(
    private readonly server: net.Server,
    readonly port: number,
    readonly options: VirtualPrinterOptions,
  ) {
    this.status = options.status ?? 'ok';
    this.dropAfter = options.dropAfterLabels;
    this.dropMode = options.dropMode ?? 'after_ack';
  }

  static async start(options: VirtualPrinterOptions): Promise<VirtualPrinter> {
    let printer: VirtualPrinter | null = null;
    const server = net.createServer((socket) => printer?.accept(socket));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('no port');
    printer = new VirtualPrinter(server, address.port, options);
    return printer;
  }

  get uri(): string {
    return `tcp://127.0.0.1:${this.port}`;
  }

  setStatus(status: VirtualStatus): void {
    this.status = status;
  }

  /** Lose the connection after `labels` more completed labels (counted from now). */
  dropAfterLabels(labels: number, mode: DropMode = 'after_ack'): void {
    this.dropAfter = this.labels.length + labels;
    this.dropMode = mode;
  }

  /**
   * Write every captured label as PNG; returns the file paths in label order.
   * `rows` keeps only a horizontal strip (e.g. the barcode) for fast reading.
   */
  savePngs(dir: string, prefix = 'label', rows?: { top: number; bottom: number }): string[] {
    mkdirSync(dir, { recursive: true });
    return this.labels.map((label) => {
      const file = path.join(dir, `${prefix}-${String(label.index).padStart(4, '0')}.png`);
      writeFileSync(
        file,
        imageToPng(rows === undefined ? label.image : cropRows(label.image, rows.top, rows.bottom)),
      );
      return file;
    });
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Set once label N is done in 'after_ack' mode: the next label to arrive, on any connection, is lost. */
  private dropArmed = false;

  private accept(socket: net.Socket): void {
    const connection: CapturedConnection = {
      id: this.connections.length,
      chunks: [],
      dropped: false,
    };
    this.connections.push(connection);
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('error', () => undefined);
    const parser =
      this.options.protocol === 'escpos'
        ? new EscposParser(this.options.dotsPerMm ?? 8)
        : new TsplParser(this.options.dotsPerMm ?? 8);
    const drop = () => {
      connection.dropped = true;
      this.dropAfter = undefined;
      this.dropArmed = false;
      socket.destroy();
    };
    socket.on('data', (chunk: Buffer) => {
      if (connection.dropped) return;
      connection.chunks.push(chunk);
      if (this.dropArmed && !isOnlyStatusQueries(this.options.protocol, chunk)) {
        // The next label is arriving: the printer "loses power" now.
        drop();
        return;
      }
      for (const event of parser.push(chunk)) {
        if (event.type === 'status') {
          this.statusQueries += 1;
          const reply = statusReply(this.options.protocol, this.status, event.query);
          if (reply !== null) socket.write(reply);
          continue;
        }
        this.labels.push({
          index: this.labels.length,
          connectionId: connection.id,
          protocol: this.options.protocol,
          image: event.image,
          ...(event.sizeMm === undefined ? {} : { sizeMm: event.sizeMm }),
        });
        if (this.dropAfter !== undefined && this.labels.length >= this.dropAfter) {
          if (this.dropMode === 'before_ack') {
            drop();
            return;
          }
          this.dropArmed = true;
        }
      }
    });
  }
}

function isOnlyStatusQueries(protocol: VirtualProtocol, chunk: Buffer): boolean {
  const size = 3;
  if (chunk.length === 0 || chunk.length % size !== 0) return false;
  for (let i = 0; i < chunk.length; i += size) {
    const isQuery =
      protocol === 'escpos'
        ? chunk[i] === DLE && chunk[i + 1] === 0x04
        : chunk[i] === ESC && chunk[i + 1] === 0x21 && chunk[i + 2] === 0x3f;
    if (!isQuery) return false;
  }
  return true;
}

function statusReply(
  protocol: VirtualProtocol,
  status: VirtualStatus,
  query: number,
): Buffer | null {
  if (status === 'silent') return null;
  if (protocol === 'escpos') {
    // DLE EOT 4 (paper roll sensor); other DLE EOT n answer "online, no error".
    if (query !== 4) return Buffer.of(0x12);
    return Buffer.of(status === 'paper_out' ? 0x72 : status === 'near_end' ? 0x1e : 0x12);
  }
  return Buffer.of(status === 'paper_out' ? 0x04 : 0x00);
}

type ParserEvent =
  | { type: 'status'; query: number }
  | { type: 'label'; image: CapturedImage; sizeMm?: { width: number; height: number } };

/** Incremental ESC/POS parser: GS v 0 bands stack into a label; GS V (cut) or ESC J ends it. */
class EscposParser {
  private buffer = Buffer.alloc(0);
  private bands: Array<{ bytesPerRow: number; rows: number; data: Buffer }> = [];

  constructor(private readonly _dotsPerMm: number) {}

  push(chunk: Buffer): ParserEvent[] {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    const events: ParserEvent[] = [];
    for (;;) {
      const b = this.buffer;
      if (b.length === 0) break;
      const need = (n: number) => b.length >= n;
      if (b[0] === DLE && b[1] === 0x04) {
        if (!need(3)) break;
        events.push({ type: 'status', query: b[2] ?? 0 });
        this.buffer = b.subarray(3);
      } else if (b[0] === ESC && b[1] === 0x40) {
        this.buffer = b.subarray(2);
      } else if (b[0] === ESC && b[1] === 0x4a) {
        if (!need(3)) break;
        this.buffer = b.subarray(3);
        const label = this.finish();
        if (label !== null) events.push(label);
      } else if (b[0] === GS && b[1] === 0x76 && b[2] === 0x30) {
        if (!need(8)) break;
        const bytesPerRow = (b[4] ?? 0) + (b[5] ?? 0) * 256;
        const rows = (b[6] ?? 0) + (b[7] ?? 0) * 256;
        const total = 8 + bytesPerRow * rows;
        if (!need(total)) break;
        this.bands.push({ bytesPerRow, rows, data: Buffer.from(b.subarray(8, total)) });
        this.buffer = b.subarray(total);
      } else if (b[0] === GS && b[1] === 0x56) {
        if (!need(3)) break;
        const m = b[2] ?? 0;
        const length = [0, 1, 48, 49].includes(m) ? 3 : 4;
        if (!need(length)) break;
        this.buffer = b.subarray(length);
        const label = this.finish();
        if (label !== null) events.push(label);
      } else if (b[0] === ESC || b[0] === GS) {
        // Unknown 2-byte+ command: skip the prefix and command byte.
        if (!need(2)) break;
        this.buffer = b.subarray(2);
      } else {
        this.buffer = b.subarray(1);
      }
    }
    return events;
  }

  private finish(): ParserEvent | null {
    if (this.bands.length === 0) return null;
    const bytesPerRow = Math.max(...this.bands.map((band) => band.bytesPerRow));
    const height = this.bands.reduce((n, band) => n + band.rows, 0);
    const data = new Uint8Array(bytesPerRow * height);
    let row = 0;
    for (const band of this.bands) {
      for (let r = 0; r < band.rows; r += 1) {
        data.set(
          band.data.subarray(r * band.bytesPerRow, (r + 1) * band.bytesPerRow),
          (row + r) * bytesPerRow,
        );
      }
      row += band.rows;
    }
    this.bands = [];
    return {
      type: 'label',
      image: { widthDots: bytesPerRow * 8, heightDots: height, bytesPerRow, data },
    };
  }
}

/** Incremental TSPL parser: SIZE + CLS start a canvas, BITMAP draws (0 = black), PRINT emits. */
class TsplParser {
  private buffer = Buffer.alloc(0);
  private sizeMm = { width: 100, height: 150 };
  private canvas: CapturedImage | null = null;

  constructor(private readonly dotsPerMm: number) {}

  push(chunk: Buffer): ParserEvent[] {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    const events: ParserEvent[] = [];
    for (;;) {
      const b = this.buffer;
      if (b.length === 0) break;
      if (b[0] === ESC) {
        if (b.length < 3) break;
        if (b[1] === 0x21 && b[2] === 0x3f) events.push({ type: 'status', query: 0x3f });
        this.buffer = b.subarray(3);
        continue;
      }
      if (b[0] === 0x0d || b[0] === 0x0a) {
        this.buffer = b.subarray(1);
        continue;
      }
      const bitmapHeader = /^BITMAP (\d+),(\d+),(\d+),(\d+),(\d+),/u.exec(
        b.subarray(0, 64).toString('latin1'),
      );
      if (bitmapHeader) {
        const [x, y, widthBytes, height] = bitmapHeader.slice(1, 5).map(Number) as [
          number,
          number,
          number,
          number,
        ];
        const start = bitmapHeader[0].length;
        if (b.length < start + widthBytes * height) break;
        this.draw(x, y, widthBytes, height, b.subarray(start, start + widthBytes * height));
        this.buffer = b.subarray(start + widthBytes * height);
        continue;
      }
      const end = b.indexOf(0x0a);
      if (end < 0) {
        if (b.subarray(0, 7).toString('latin1').startsWith('BITMAP') && b.length < 64) break;
        if (b.length < 256) break;
      }
      const line = b
        .subarray(0, end < 0 ? b.length : end)
        .toString('latin1')
        .trim();
      this.buffer = b.subarray(end < 0 ? b.length : end + 1);
      const event = this.command(line);
      if (event !== null) events.push(event);
    }
    return events;
  }

  private command(line: string): ParserEvent | null {
    const size = /^SIZE ([\d.]+) mm,\s*([\d.]+) mm$/u.exec(line);
    if (size) {
      this.sizeMm = { width: Number(size[1]), height: Number(size[2]) };
      return null;
    }
    if (line === 'CLS') {
      const widthDots = Math.round(this.sizeMm.width * this.dotsPerMm);
      const heightDots = Math.round(this.sizeMm.height * this.dotsPerMm);
      const bytesPerRow = Math.ceil(widthDots / 8);
      this.canvas = {
        widthDots,
        heightDots,
        bytesPerRow,
        data: new Uint8Array(bytesPerRow * heightDots),
      };
      return null;
    }
    if (/^PRINT \d+/u.test(line) && this.canvas !== null) {
      const image = this.canvas;
      this.canvas = null;
      return { type: 'label', image, sizeMm: { ...this.sizeMm } };
    }
    return null;
  }

  private draw(x: number, y: number, widthBytes: number, height: number, data: Buffer): void {
    const canvas = this.canvas;
    if (canvas === null) return;
    for (let row = 0; row < height; row += 1) {
      for (let col = 0; col < widthBytes * 8; col += 1) {
        const bit = ((data[row * widthBytes + (col >> 3)] ?? 0xff) >> (7 - (col & 7))) & 1;
        if (bit !== 0) continue; // TSPL: 1 = white
        const cx = x + col;
        const cy = y + row;
        if (cx >= canvas.widthDots || cy >= canvas.heightDots) continue;
        const index = cy * canvas.bytesPerRow + (cx >> 3);
        canvas.data[index] = (canvas.data[index] ?? 0) | (0x80 >> (cx & 7));
      }
    }
  }
}

export function imageDot(image: CapturedImage, x: number, y: number): boolean {
  return ((image.data[y * image.bytesPerRow + (x >> 3)] ?? 0) & (0x80 >> (x & 7))) !== 0;
}

export function cropRows(image: CapturedImage, top: number, bottom: number): CapturedImage {
  const from = Math.max(0, top);
  const to = Math.min(image.heightDots, bottom);
  return {
    widthDots: image.widthDots,
    heightDots: to - from,
    bytesPerRow: image.bytesPerRow,
    data: image.data.slice(from * image.bytesPerRow, to * image.bytesPerRow),
  };
}

export function imageToPng(image: CapturedImage): Buffer {
  // 8-bit grayscale, one byte per dot.
  const gray = Buffer.alloc(image.widthDots * image.heightDots, 255);
  for (let y = 0; y < image.heightDots; y += 1) {
    const row = y * image.bytesPerRow;
    for (let byteX = 0; byteX < image.bytesPerRow; byteX += 1) {
      const byte = image.data[row + byteX] ?? 0;
      if (byte === 0) continue;
      for (let bit = 0; bit < 8; bit += 1) {
        const x = byteX * 8 + bit;
        if (x < image.widthDots && (byte & (0x80 >> bit)) !== 0) gray[y * image.widthDots + x] = 0;
      }
    }
  }
  const png = new PNG({
    width: image.widthDots,
    height: image.heightDots,
    colorType: 0,
    inputColorType: 0,
    bitDepth: 8,
  });
  png.data = gray;
  return PNG.sync.write(png, { colorType: 0, inputColorType: 0, bitDepth: 8 });
}

/** Decode bytes captured elsewhere (e.g. a device file) into labels. */
export function decodeCapture(
  protocol: VirtualProtocol,
  bytes: Uint8Array,
  dotsPerMm = 8,
): CapturedImage[] {
  const parser = protocol === 'escpos' ? new EscposParser(dotsPerMm) : new TsplParser(dotsPerMm);
  return parser
    .push(Buffer.from(bytes))
    .flatMap((event) => (event.type === 'label' ? [event.image] : []));
}
