// Exact look-ups over encrypted applications: by blind index (ID number, mobile), by the
// mobile's last 4 digits, by waybill number (through the waybills collection) and by
// acceptance number. Inputs are normalised the same way the indexes were.
import type { RxCollection, RxDocument } from 'rxdb';
import { normalizeIdentifier } from '../../shared/validation/normalize.ts';
import { normalizePhone } from '../../shared/validation/mobile.ts';
import type { BlindIndexer } from './blind-index.ts';
import type { ClientDocTypes } from './collections.ts';

type Application = ClientDocTypes['applications'];
export type ApplicationDocument = RxDocument<Application>;

export interface LookupStore {
  readonly db: {
    readonly applications: RxCollection<Application>;
    readonly waybills: RxCollection<ClientDocTypes['waybills']>;
  };
  readonly blindIndexer: BlindIndexer;
}

type ApplicationStore = { readonly db: Pick<LookupStore['db'], 'applications'> } & Pick<
  LookupStore,
  'blindIndexer'
>;

export async function findApplicationsByIdNumber(
  store: ApplicationStore,
  idNumber: string,
): Promise<ApplicationDocument[]> {
  const hash = await store.blindIndexer.hash('idNumber', idNumber);
  if (hash === '') return [];
  return store.db.applications.find({ selector: { blindIdNumber: hash } }).exec();
}

/**
 * Two single-field queries merged by id: RxDB's planner uses no index for `$or`, which would
 * read (and decrypt) every application.
 */
async function eitherField(
  applications: RxCollection<Application>,
  fields: readonly [keyof Application & string, keyof Application & string],
  value: string,
): Promise<ApplicationDocument[]> {
  const [first, second] = await Promise.all(
    fields.map((field) => applications.find({ selector: { [field]: value } }).exec()),
  );
  const byId = new Map<string, ApplicationDocument>();
  for (const doc of [...(first ?? []), ...(second ?? [])]) byId.set(doc.id, doc);
  return [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** The applicant's or the recipient's mobile. */
export async function findApplicationsByMobile(
  store: ApplicationStore,
  mobile: string,
): Promise<ApplicationDocument[]> {
  const hash = await store.blindIndexer.hash('mobile', mobile);
  if (hash === '') return [];
  return eitherField(store.db.applications, ['blindMobile', 'blindRecipientMobile'], hash);
}

/** 尾号 search: the last 4 digits of the applicant's or the recipient's mobile. */
export async function findApplicationsByMobileLast4(
  store: Pick<ApplicationStore, 'db'>,
  last4: string,
): Promise<ApplicationDocument[]> {
  const digits = normalizePhone(last4);
  if (!/^\d{4}$/.test(digits)) return [];
  return eitherField(store.db.applications, ['mobileLast4', 'recipientMobileLast4'], digits);
}

export async function findApplicationsByAcceptanceNo(
  store: Pick<ApplicationStore, 'db'>,
  acceptanceNo: string,
): Promise<ApplicationDocument[]> {
  const wanted = acceptanceNo.trim();
  if (wanted === '') return [];
  return store.db.applications.find({ selector: { acceptanceNo: wanted } }).exec();
}

export async function findApplicationsByWaybillNo(
  store: Pick<LookupStore, 'db'>,
  waybillNo: string,
): Promise<ApplicationDocument[]> {
  const wanted = normalizeIdentifier(waybillNo);
  if (wanted === '') return [];
  const waybills = await store.db.waybills.find({ selector: { waybillNo: wanted } }).exec();
  const ids = [...new Set(waybills.map((w) => w.applicationId))];
  if (ids.length === 0) return [];
  const found = await store.db.applications.findByIds(ids).exec();
  return ids.flatMap((id) => {
    const doc = found.get(id);
    return doc ? [doc] : [];
  });
}

/**
 * The newest `limit` applications, newest first. RxDB's planner cannot walk an index
 * backwards, so `sort: acceptedAt desc` read EVERY application before the limit applied
 * (6 s at 200,000 records); the ascending `newestFirst` index stops after `limit` documents.
 */
export async function findNewestApplications(
  store: Pick<ApplicationStore, 'db'>,
  limit: number,
): Promise<ApplicationDocument[]> {
  return store.db.applications.find({ sort: [{ newestFirst: 'asc' }], limit }).exec();
}
