// Writing applications: callers give the business fields; the data layer derives the masked
// display copy and the client-only look-up fields (the pre-insert hook derives them again).
import type { ApplicationClientDoc } from './collections.ts';
import type { ApplicationDocument, LookupStore } from './lookups.ts';
import { applyApplicationDerivedFields } from './derived-fields.ts';
import type { APPLICATION_CLIENT_FIELDS } from './schemas/application.schema.ts';

type DerivedField = (typeof APPLICATION_CLIENT_FIELDS)[number] | 'display';
export type ApplicationInput = Omit<ApplicationClientDoc, DerivedField> &
  Partial<Pick<ApplicationClientDoc, 'display'>>;

export async function withDerivedFields(
  store: Pick<LookupStore, 'blindIndexer'>,
  input: ApplicationInput,
): Promise<ApplicationClientDoc> {
  const doc: Record<string, unknown> = { ...input };
  await applyApplicationDerivedFields(store.blindIndexer, doc);
  return doc as ApplicationClientDoc;
}

export async function insertApplication(
  store: Pick<LookupStore, 'blindIndexer'> & { db: Pick<LookupStore['db'], 'applications'> },
  input: ApplicationInput,
): Promise<ApplicationDocument> {
  return store.db.applications.insert(await withDerivedFields(store, input));
}
