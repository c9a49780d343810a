// Laid-out labels kept for reprints and batch resumes, one file per label key.
// A layout holds only what the label shows — already masked — never the full
// personal data the caller passed in.
import path from 'node:path';
import type { LabelLayout } from '../../shared/printing/layout/elements.ts';
import { keyFileName, readJson, writeJsonAtomic } from './store.ts';

function isLayout(value: unknown): value is LabelLayout {
  return (
    typeof value === 'object' &&
    value !== null &&
    'kind' in value &&
    typeof value.kind === 'string' &&
    'widthMm' in value &&
    typeof value.widthMm === 'number' &&
    'heightMm' in value &&
    typeof value.heightMm === 'number' &&
    'elements' in value &&
    Array.isArray(value.elements)
  );
}

export class LayoutStore {
  private readonly dir: string;

  constructor(dataDir: string) {
    this.dir = path.join(dataDir, 'layouts');
  }

  async save(labelKey: string, layout: LabelLayout): Promise<void> {
    await writeJsonAtomic(path.join(this.dir, keyFileName(labelKey)), { labelKey, layout });
  }

  async load(labelKey: string): Promise<LabelLayout | undefined> {
    const raw = await readJson(path.join(this.dir, keyFileName(labelKey)));
    if (typeof raw !== 'object' || raw === null || !('layout' in raw) || !('labelKey' in raw))
      return undefined;
    return raw.labelKey === labelKey && isLayout(raw.layout) ? raw.layout : undefined;
  }
}
