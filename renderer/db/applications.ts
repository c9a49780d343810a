// Writing applications: callers give the business fields; the data layer derives the masked
// display copy and the client-only look-up fields (withDerivedFields where the whole document
// is needed up front; insertApplication leaves them to the pre-insert hook: derived once).
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
  // The collection's pre-insert hook (database.ts) fills the derived fields before validation.
  const doc: Record<string, unknown> = { ...input };
  return store.db.applications.insert(doc as ApplicationClientDoc);
}
