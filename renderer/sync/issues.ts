// Records the server refused (push `rejected`). Each is kept in `syncIssues` with the
// server's reason until it is fixed (retryIssue: re-validate, write, push again) or a
// supervisor discards it (audited). A refused record is never dropped silently.
//
// The server stores nothing for a refused row, but RxDB believes the pushed state is now the
// master. So the issue remembers the master state the refused push assumed, and the next push
// of that document sends it instead (see assumedStateFor).
import type { RxCollection } from 'rxdb';
import { fail, ok, type Result } from '../../shared/result.ts';
import { isApplicationStatus } from '../../shared/lifecycle/status.ts';
import { isBusinessCode } from '../../shared/catalogue/index.ts';
import { parseWaybillNumber } from '../../shared/validation/waybill.ts';
import { isSyncedCollection, type SyncedCollection } from '../../shared/sync/collections.ts';
import type { PushRow, Rejection } from '../../shared/sync/protocol.ts';
import { getValidator } from 'rxdb/plugins/validate-z-schema';
import { clientSchemas, type ClientDocTypes, type SyncIssueDoc } from '../db/collections.ts';
import { newId } from '../db/ids.ts';
import { CLIENT_ONLY_FIELDS } from '../db/derived-fields.ts';
import type { StaffActor } from '../stores/sync-status.ts';
import { canonical, sameValue } from './conflict-rules.ts';
import { stripClientFields } from './conflict-handler.ts';

type Json = Record<string, unknown>;

export interface IssueStore {
  readonly db: {
    readonly syncIssues: RxCollection<SyncIssueDoc>;
    readonly auditLog?: RxCollection<ClientDocTypes['auditLog']>;
  } & Partial<Record<SyncedCollection, RxCollection>>;
  readonly context: { now(): number; deviceId: string };
}

export function issueId(collection: string, documentId: string): string {
  return `${collection}:${documentId}`;
}

/** Open issues of these documents, by document id. */
export async function openIssues(
  store: IssueStore,
  collection: SyncedCollection,
  documentIds: readonly string[],
): Promise<Map<string, SyncIssueDoc>> {
  const found = await store.db.syncIssues
    .findByIds(documentIds.map((id) => issueId(collection, id)))
    .exec();
  const out = new Map<string, SyncIssueDoc>();
  for (const doc of found.values()) {
    if (doc.state === 'open' || doc.state === 'retrying') out.set(doc.documentId, doc.toJSON());
  }
  return out;
}

/**
 * The master state to send with a push row. If RxDB assumes the refused state is the
 * master (it is not: the server stored nothing), send what the server really holds.
 */
export function assumedStateFor(
  row: PushRow<Json>,
  issue: SyncIssueDoc | undefined,
): PushRow<Json>['assumedMasterState'] {
  const assumed = row.assumedMasterState ?? null;
  if (!issue || assumed === null) return assumed;
  const refused: unknown = JSON.parse(issue.document);
  if (!sameValue(assumed, refused)) return assumed;
  const real: unknown = JSON.parse(issue.assumedMasterState);
  return real === null ? null : (real as PushRow<Json>['assumedMasterState']);
}

/** Stores the refusals of one push; resolves the open issues of rows that went through. */
export async function settlePush(
  store: IssueStore,
  collection: SyncedCollection,
  sent: readonly PushRow<Json>[],
  rejected: readonly Rejection[],
  conflictIds: ReadonlySet<string>,
  existing: Map<string, SyncIssueDoc>,
): Promise<void> {
  const now = store.context.now();
  const byId = new Map(sent.map((row) => [String(row.newDocumentState['id']), row] as const));
  const refusedIds = new Set<string>();
  const writes: SyncIssueDoc[] = [];
  for (const rejection of rejected) {
    const row = byId.get(rejection.id);
    if (!row) continue;
    refusedIds.add(rejection.id);
    const previous = existing.get(rejection.id);
    writes.push({
      id: issueId(collection, rejection.id),
      collectionName: collection,
      documentId: rejection.id,
      code: rejection.code.slice(0, 64),
      message: (rejection.message ?? '').slice(0, 500),
      messageEn: (rejection.messageEn ?? '').slice(0, 500),
      ...(rejection.field ? { field: rejection.field.slice(0, 200) } : {}),
      state: 'open',
      document: canonical(row.newDocumentState),
      assumedMasterState: canonical(row.assumedMasterState ?? null),
      rejectedAt: now,
      attempts: (previous?.attempts ?? 0) + 1,
    });
  }
  for (const [documentId, issue] of existing) {
    if (refusedIds.has(documentId) || conflictIds.has(documentId)) continue;
    writes.push({ ...issue, state: 'resolved', resolvedAt: now });
  }
  if (writes.length > 0) await store.db.syncIssues.bulkUpsert(writes);
}

const pushValidators = new Map<SyncedCollection, (doc: Json) => unknown>();

/** The client schema without its client-only parts: what a push carries. */
function pushValidator(collection: SyncedCollection): (doc: Json) => unknown {
  let validator = pushValidators.get(collection);
  if (!validator) {
    const clientOnly = CLIENT_ONLY_FIELDS[collection];
    const schema: Json = { ...clientSchemas[collection] };
    const properties = { ...(schema['properties'] as Json) };
    for (const field of clientOnly) delete properties[field];
    schema['properties'] = properties;
    schema['required'] = (schema['required'] as string[]).filter((f) => !clientOnly.includes(f));
    delete schema['attachments'];
    delete schema['encrypted'];
    validator = getValidator(schema as never);
    pushValidators.set(collection, validator);
  }
  return validator;
}

/** Checks an edited record before it is pushed again: schema first, then domain rules. */
export function validateForPush(collection: SyncedCollection, doc: Json): Result<void> {
  const synced = stripClientFields(doc, CLIENT_ONLY_FIELDS[collection]);
  delete synced['_deleted'];
  const errors: unknown = pushValidator(collection)(synced);
  if (Array.isArray(errors) && errors.length > 0) {
    const first: unknown = errors[0];
    const path =
      typeof first === 'object' && first !== null && 'path' in first ? String(first.path) : '';
    return fail(
      'RECORD_INVALID',
      `记录内容不符合要求${path ? `（字段 ${path}）` : ''}，请修改后重试`,
      `The record does not match its schema${path ? ` (field ${path})` : ''}: fix it and retry`,
      path || undefined,
    );
  }
  if (collection === 'waybills' && typeof synced['waybillNo'] === 'string') {
    const parsed = parseWaybillNumber(synced['waybillNo']);
    if (!parsed.ok) return parsed;
  }
  if (collection === 'applications') {
    if (!isApplicationStatus(String(synced['status']))) {
      return fail('STATUS_UNKNOWN', '受理单状态无效', 'Unknown application status', 'status');
    }
    if (!isBusinessCode(String(synced['businessCode']))) {
      return fail('BUSINESS_UNKNOWN', '业务类型无效', 'Unknown business code', 'businessCode');
    }
  }
  return ok(undefined);
}

async function loadIssue(store: IssueStore, id: string): Promise<Result<SyncIssueDoc>> {
  const issue = await store.db.syncIssues.findOne(id).exec();
  if (!issue || (issue.state !== 'open' && issue.state !== 'retrying')) {
    return fail('ISSUE_NOT_FOUND', '该同步问题不存在或已处理', 'No such open sync issue');
  }
  return ok(issue.toJSON());
}

/** Re-validates the edited record, saves it (a new revision, so it is pushed again). */
export async function retryIssue(
  store: IssueStore,
  id: string,
  editedDoc: Json,
): Promise<Result<void>> {
  const loaded = await loadIssue(store, id);
  if (!loaded.ok) return loaded;
  const issue = loaded.value;
  const collectionName = issue.collectionName;
  if (!isSyncedCollection(collectionName)) {
    return fail('ISSUE_NOT_FOUND', '该同步问题不存在或已处理', 'No such open sync issue');
  }
  const collection = store.db[collectionName];
  if (!collection) {
    return fail('COLLECTION_CLOSED', '该数据集未打开', 'That collection is not open');
  }
  if (editedDoc['id'] !== issue.documentId) {
    return fail(
      'ISSUE_ID_MISMATCH',
      '修改后的记录编号与原记录不一致',
      'The edited record has another id',
      'id',
    );
  }
  const now = store.context.now();
  const candidate: Json = {
    ...editedDoc,
    updatedAt: Math.max(now, Number(editedDoc['updatedAt']) || 0),
  };
  const valid = validateForPush(collectionName, candidate);
  if (!valid.ok) return valid;
  const current = await collection.findOne(issue.documentId).exec();
  const { _deleted: _d, _attachments: _a, _meta: _m, _rev: _r, ...fields } = candidate;
  try {
    if (current) {
      await current.incrementalModify(() => fields);
    } else {
      await collection.insert(fields);
    }
  } catch {
    return fail(
      'RECORD_INVALID',
      '记录无法保存，请检查后重试',
      'The record could not be saved: check it and retry',
    );
  }
  await store.db.syncIssues
    .findOne(id)
    .exec()
    .then((doc) => doc?.incrementalPatch({ state: 'retrying' }));
  return ok(undefined);
}

/** Supervisors and admins only. The issue is kept, marked discarded, and the act audited. */
export async function discardIssue(
  store: IssueStore,
  id: string,
  staff: StaffActor,
  reason: string,
): Promise<Result<void>> {
  if (staff.role !== 'supervisor' && staff.role !== 'admin') {
    return fail(
      'FORBIDDEN',
      '只有主管或管理员可以放弃被拒绝的记录',
      'Only a supervisor or an administrator may discard a refused record',
    );
  }
  const trimmed = reason.trim();
  if (trimmed.length === 0) {
    return fail('REASON_REQUIRED', '请填写放弃原因', 'Give a reason for discarding', 'reason');
  }
  const loaded = await loadIssue(store, id);
  if (!loaded.ok) return loaded;
  const issue = loaded.value;
  const now = store.context.now();
  const audit = store.db.auditLog;
  if (!audit) {
    return fail('AUDIT_UNAVAILABLE', '审计日志不可用，无法放弃记录', 'The audit log is not open');
  }
  await audit.insert({
    id: newId(now),
    stationId: staff.stationId,
    deviceId: store.context.deviceId,
    createdAt: now,
    updatedAt: now,
    staffId: staff.staffId,
    action: 'sync_issue_discard',
    collectionName: issue.collectionName.slice(0, 24),
    targetId: issue.documentId.slice(0, 26),
    reason: `${issue.code}: ${trimmed}`.slice(0, 500),
    at: now,
  });
  const doc = await store.db.syncIssues.findOne(id).exec();
  await doc?.incrementalPatch({
    state: 'discarded',
    discardedBy: staff.staffId,
    discardReason: trimmed.slice(0, 500),
    resolvedAt: now,
  });
  return ok(undefined);
}
