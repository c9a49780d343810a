// Configured printers, persisted as dataDir/printers.json.
import path from 'node:path';
import { validatePrinterConfig } from '../../shared/printing/config.ts';
import type { PrinterConfig } from '../../shared/printing/types.ts';
import { hasFields, jsonDocument, type JsonDocument } from './store.ts';

export const PRINTERS_FILE = 'printers.json';

const isPrinterConfig = hasFields<PrinterConfig>({
  id: 'string',
  name: 'string',
  uri: 'string',
  driver: 'string',
  dpi: 'number',
  widthMm: 'number',
  labelKinds: 'array',
});

const isArray = (value: unknown): value is unknown[] => Array.isArray(value);

export class PrinterRegistry {
  private printers: PrinterConfig[] | null = null;
  private readonly document: JsonDocument<unknown[]>;
  private changes: Promise<unknown> = Promise.resolve();

  constructor(dataDir: string) {
    this.document = jsonDocument(path.join(dataDir, PRINTERS_FILE), isArray);
  }

  async list(): Promise<PrinterConfig[]> {
    if (this.printers === null) {
      const entries = (await this.document.read()) ?? [];
      // Skip entries a newer or older version wrote that no longer validate.
      this.printers = entries.filter(isPrinterConfig).filter((p) => validatePrinterConfig(p).ok);
    }
    return [...this.printers];
  }

  async get(printerId: string): Promise<PrinterConfig | undefined> {
    return (await this.list()).find((p) => p.id === printerId);
  }

  save(config: PrinterConfig): Promise<void> {
    return this.change(async (current) => {
      const next = current.filter((p) => p.id !== config.id);
      next.push(config);
      await this.document.write(next);
      this.printers = next;
    });
  }

  remove(printerId: string): Promise<boolean> {
    return this.change(async (current) => {
      const next = current.filter((p) => p.id !== printerId);
      if (next.length === current.length) return false;
      await this.document.write(next);
      this.printers = next;
      return true;
    });
  }

  /** Read-modify-write one at a time, so two saves at once cannot drop each other. */
  private change<R>(apply: (current: PrinterConfig[]) => Promise<R>): Promise<R> {
    const run = this.changes.then(async () => apply(await this.list()));
    this.changes = run.catch(() => undefined);
    return run;
  }
}
