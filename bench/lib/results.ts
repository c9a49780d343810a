// Result files: bench/results/<part>.json, one per part, rewritten by each run of that part.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { MachineFacts } from './machine.ts';

/** BENCH_RESULTS_DIR: write somewhere else (smoke runs that must not replace the recorded results). */
export const RESULTS_DIR = path.resolve(process.env.BENCH_RESULTS_DIR ?? 'bench/results');
export const PARTS = ['local', 'sync', 'server', 'print'] as const;
export type Part = (typeof PARTS)[number];

export interface TargetCheck {
  /** What the issue asks, in words, e.g. "intake save p95 < 50 ms at 200,000 records". */
  name: string;
  target: string;
  measured: string;
  met: boolean;
  note?: string;
}

export interface PartResult<M = unknown> {
  part: Part;
  startedAt: string;
  finishedAt: string;
  durationSeconds: number;
  command: string;
  machine: MachineFacts;
  /** Sizes and settings actually used (smaller than asked where noted). */
  config: Record<string, unknown>;
  metrics: M;
  targets: TargetCheck[];
  /** Honest remarks: what was scaled down, what is not measured, what looked wrong. */
  notes: string[];
}

export async function writeResult(result: PartResult): Promise<string> {
  await mkdir(RESULTS_DIR, { recursive: true });
  const file = path.join(RESULTS_DIR, `${result.part}.json`);
  await writeFile(file, `${JSON.stringify(result, null, 2)}\n`);
  return file;
}

export async function readResult(part: Part): Promise<PartResult | null> {
  try {
    return JSON.parse(await readFile(path.join(RESULTS_DIR, `${part}.json`), 'utf8')) as PartResult;
  } catch {
    return null;
  }
}
