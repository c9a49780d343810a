// The print ledger: an append-only JSON-lines file in dataDir. Every entry is
// written and fsync'd before we act on it, so after a crash the file says
// exactly what was attempted and what was confirmed. A torn last line (power
// loss mid-write) is skipped on reading and sealed off with a newline.
import { mkdir, open, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { monotonicFactory } from 'ulid';
import type { LedgerEntry } from '../../../shared/printing/types.ts';
import { hasFields, readTextIfExists } from '../store.ts';
import { applyEntry, type LabelState } from './state.ts';

export const LEDGER_FILE = 'print-ledger.jsonl';

export type NewLedgerEntry = Omit<LedgerEntry, 'id' | 'at'>;

export interface LedgerQuery {
  readonly labelKey?: string;
  readonly since?: number;
  readonly limit?: number;
}

export class PrintLedger {
  private readonly entries: LedgerEntry[] = [];
  private readonly states = new Map<string, LabelState>();
  private readonly nextId = monotonicFactory();
  private tail: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly handle: FileHandle,
    readonly file: string,
    /** Lines that could not be read (a torn write); reported, never fatal. */
    readonly unreadableLines: number,
  ) {}

  static async open(dataDir: string, now: () => number = Date.now): Promise<PrintLedger> {
    await mkdir(dataDir, { recursive: true });
    const file = path.join(dataDir, LEDGER_FILE);
    const text = (await readTextIfExists(file)) ?? '';
    const parsed: LedgerEntry[] = [];
    let unreadable = 0;
    for (const line of text.split('\n')) {
      if (line.trim() === '') continue;
      const entry = parseEntry(line);
      if (entry === null) unreadable += 1;
      else parsed.push(entry);
    }
    const handle = await open(file, 'a');
    if (text.length > 0 && !text.endsWith('\n')) {
      // Seal the torn line so the next entry starts on a line of its own.
      await handle.write('\n');
      await handle.sync();
    }
    const ledger = new PrintLedger(handle, file, unreadable);
    ledger.now = now;
    for (const entry of parsed) ledger.remember(entry);
    return ledger;
  }

  private now: () => number = Date.now;

  private remember(entry: LedgerEntry): void {
    this.entries.push(entry);
    applyEntry(this.states, entry);
  }

  /** Append one entry durably (written + fsync'd) before resolving. Serialised. */
  append(entry: NewLedgerEntry): Promise<LedgerEntry> {
    const full: LedgerEntry = { id: this.nextId(), at: this.now(), ...entry };
    const run = this.tail.then(async () => {
      await this.handle.write(`${JSON.stringify(full)}\n`);
      await this.handle.sync();
      this.remember(full);
      return full;
    });
    this.tail = run.catch(() => undefined);
    return run;
  }

  state(labelKey: string): LabelState | undefined {
    return this.states.get(labelKey);
  }

  query(query: LedgerQuery = {}): LedgerEntry[] {
    const limit = Math.max(1, Math.min(query.limit ?? 1000, 10000));
    const matching = this.entries.filter(
      (e) =>
        (query.labelKey === undefined || e.labelKey === query.labelKey) &&
        (query.since === undefined || e.at >= query.since),
    );
    return matching.slice(-limit);
  }

  async close(): Promise<void> {
    await this.tail;
    await this.handle.close();
  }
}

const KINDS = new Set(['attempt', 'print', 'reprint', 'void', 'failed']);

const hasEntryFields = hasFields<LedgerEntry>({
  id: 'string',
  at: 'number',
  labelKey: 'string',
  kind: 'string',
});

function isLedgerEntry(value: unknown): value is LedgerEntry {
  return hasEntryFields(value) && KINDS.has(value.kind);
}

function parseEntry(line: string): LedgerEntry | null {
  try {
    const value: unknown = JSON.parse(line);
    return isLedgerEntry(value) ? value : null;
  } catch {
    return null;
  }
}
