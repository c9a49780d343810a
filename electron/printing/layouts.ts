// Laid-out labels kept for reprints and batch resumes, one file per label key.
// A layout holds only what the label shows — already masked — never the full
// personal data the caller passed in.
import path from 'node:path';
import type { LabelLayout } from '../../shared/printing/layout/elements.ts';
import { hasFields, keyedJsonStore, type KeyedJsonStore } from './store.ts';

interface StoredLayout {
  readonly labelKey: string;
  readonly layout: LabelLayout;
}

const isLayout = hasFields<LabelLayout>({
  kind: 'string',
  widthMm: 'number',
  heightMm: 'number',
  elements: 'array',
});
const isStored = hasFields<{ labelKey: string; layout: unknown }>({
  labelKey: 'string',
  layout: 'object',
});

function isStoredLayout(value: unknown, labelKey: string): value is StoredLayout {
  return isStored(value) && value.labelKey === labelKey && isLayout(value.layout);
}

export class LayoutStore {
  private readonly store: KeyedJsonStore<StoredLayout>;

  constructor(dataDir: string) {
    this.store = keyedJsonStore(path.join(dataDir, 'layouts'), '.json', isStoredLayout);
  }

  async save(labelKey: string, layout: LabelLayout): Promise<void> {
    await this.store.save(labelKey, { labelKey, layout });
  }

  async load(labelKey: string): Promise<LabelLayout | undefined> {
    return (await this.store.load(labelKey))?.layout;
  }
}
