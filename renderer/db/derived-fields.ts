// Fields the client derives from a document's personal data: blind indexes and the last 4
// digits of mobiles (client-only, never pushed) and the masked display copy (synced).
// One function fills them on local writes, pulls, conflict resolutions and migrations.
import type { MigrationStrategies } from 'rxdb';
import { maskIdNumber } from '../../shared/privacy/idNumber.ts';
import { maskName } from '../../shared/privacy/name.ts';
import { maskPhone } from '../../shared/privacy/phone.ts';
import type { SyncedCollection } from '../../shared/sync/collections.ts';
import { applicationLookupFields, type BlindIndexer } from './blind-index.ts';
import type { CollectionName } from './collections.ts';
import { APPLICATION_CLIENT_FIELDS, newestFirstKey } from './schemas/application.schema.ts';
import { MEDIA_CLIENT_FIELDS } from './schemas/media.schema.ts';

/** Fields present locally but never sent to the server, per synced collection. */
export const CLIENT_ONLY_FIELDS: Readonly<Record<SyncedCollection, readonly string[]>> = {
  applications: APPLICATION_CLIENT_FIELDS,
  waybills: [],
  vehicles: [],
  media: MEDIA_CLIENT_FIELDS,
  events: [],
  batches: [],
  workOrders: [],
  auditLog: [],
  conflicts: [],
  printRecords: [],
};

interface ApplicationPersonalData {
  applicant?: { name?: string; idNumber?: string; mobile?: string };
  recipient?: { mobile?: string };
  display?: unknown;
}

function personalParts(data: Record<string, unknown>) {
  const doc = data satisfies object as ApplicationPersonalData;
  return { applicant: doc.applicant, recipientMobile: doc.recipient?.mobile };
}

/** Fills the client-only look-up fields in place (pulls and conflict resolutions). */
export async function applyApplicationLookupFields(
  indexer: BlindIndexer,
  data: Record<string, unknown>,
): Promise<void> {
  const { applicant, recipientMobile } = personalParts(data);
  const lookup = await applicationLookupFields(indexer, {
    applicant: { idNumber: applicant?.idNumber ?? '', mobile: applicant?.mobile },
    recipient: recipientMobile === undefined ? undefined : { mobile: recipientMobile },
  });
  Object.assign(data, lookup);
  if (typeof data['acceptedAt'] === 'number')
    data['newestFirst'] = newestFirstKey(data['acceptedAt']);
}

/**
 * Fills look-up fields and the masked display copy in place (local writes: data is a
 * fresh copy RxDB owns). Pulled documents keep the display their author computed.
 */
export async function applyApplicationDerivedFields(
  indexer: BlindIndexer,
  data: Record<string, unknown>,
): Promise<void> {
  await applyApplicationLookupFields(indexer, data);
  const { applicant } = personalParts(data);
  if (applicant?.name !== undefined && applicant.idNumber !== undefined) {
    data['display'] = {
      applicantName: maskName(applicant.name),
      idNumber: maskIdNumber(applicant.idNumber),
      ...(applicant.mobile ? { mobile: maskPhone(applicant.mobile) } : {}),
    };
  }
}

/** Migration strategies per collection; each version bump has one and a test. */
export function migrationStrategiesFor(
  name: CollectionName,
  indexer: BlindIndexer,
): MigrationStrategies {
  switch (name) {
    case 'applications':
      return {
        // v1: blind indexes and mobile last-4 fields for look-ups.
        1: async (old: Record<string, unknown>) => {
          const next = { ...old };
          await applyApplicationDerivedFields(indexer, next);
          return next;
        },
        // v2: the records list's sort key.
        2: (old: Record<string, unknown>) => {
          const next = { ...old };
          if (typeof next['acceptedAt'] === 'number') {
            next['newestFirst'] = newestFirstKey(next['acceptedAt']);
          }
          return next;
        },
      };
    default:
      return {};
  }
}
