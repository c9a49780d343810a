// What every benchmark part gets and gives back; run.ts wraps it into a result file.
import type { TargetCheck } from './results.ts';
import type { MachineFacts } from './machine.ts';

export interface PartContext {
  /** Small sizes for a smoke run (`--quick`); results say so. */
  quick: boolean;
  log(line: string): void;
  /** Facts the part adds to the machine record (e.g. the Chromium version). */
  machine: Partial<MachineFacts>;
}

export interface PartOutcome<M> {
  config: Record<string, unknown>;
  metrics: M;
  targets: TargetCheck[];
  notes: string[];
}
