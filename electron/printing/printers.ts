// Configured printers, persisted as dataDir/printers.json.
import path from 'node:path';
import { validatePrinterConfig } from '../../shared/printing/config.ts';
import type { PrinterConfig } from '../../shared/printing/types.ts';
import { readJson, writeJsonAtomic } from './store.ts';

export const PRINTERS_FILE = 'printers.json';

function isPrinterConfig(value: unknown): value is PrinterConfig {
  return (
    typeof value === 'object' &&
    value !== null &&
    'id' in value &&
    typeof value.id === 'string' &&
    'name' in value &&
    typeof value.name === 'string' &&
    'uri' in value &&
    typeof value.uri === 'string' &&
    'driver' in value &&
    typeof value.driver === 'string' &&
    'dpi' in value &&
    typeof value.dpi === 'number' &&
    'widthMm' in value &&
    typeof value.widthMm === 'number' &&
    'labelKinds' in value &&
    Array.isArray(value.labelKinds)
  );
}

export class PrinterRegistry {
  private printers: PrinterConfig[] | null = null;
  private readonly file: string;

  constructor(dataDir: string) {
    this.file = path.join(dataDir, PRINTERS_FILE);
  }

  async list(): Promise<PrinterConfig[]> {
    if (this.printers === null) {
      const raw = await readJson(this.file);
      const entries: unknown[] = Array.isArray(raw) ? raw : [];
      // Skip entries a newer or older version wrote that no longer validate.
      this.printers = entries.filter(isPrinterConfig).filter((p) => validatePrinterConfig(p).ok);
    }
    return [...this.printers];
  }

  async get(printerId: string): Promise<PrinterConfig | undefined> {
    return (await this.list()).find((p) => p.id === printerId);
  }

  async save(config: PrinterConfig): Promise<void> {
    const next = (await this.list()).filter((p) => p.id !== config.id);
    next.push(config);
    await writeJsonAtomic(this.file, next);
    this.printers = next;
  }

  async remove(printerId: string): Promise<boolean> {
    const current = await this.list();
    const next = current.filter((p) => p.id !== printerId);
    if (next.length === current.length) return false;
    await writeJsonAtomic(this.file, next);
    this.printers = next;
    return true;
  }
}
