// Per-document validation against the shared JSON schema of its collection (the same schema
// the client's RxDB uses), with messages a clerk can act on.
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { syncedSchemas, type SyncedCollection } from '../../shared/sync/collections.ts';
import { fail, ok, type Result } from '../../shared/result.ts';

// RxDB's own keywords: not JSON Schema, ignored here.
const RXDB_KEYWORDS = [
  'primaryKey',
  'version',
  'encrypted',
  'indexes',
  'keyCompression',
  'attachments',
];

const ajv = new Ajv({ allErrors: false, strict: false, coerceTypes: false, useDefaults: false });
const compiled = new Map<SyncedCollection, ValidateFunction>();

function validatorFor(collection: SyncedCollection): ValidateFunction {
  let validate = compiled.get(collection);
  if (!validate) {
    const schema: Record<string, unknown> = { ...syncedSchemas[collection] };
    for (const keyword of RXDB_KEYWORDS) delete schema[keyword];
    validate = ajv.compile(schema);
    compiled.set(collection, validate);
  }
  return validate;
}

/** `/applicant/name` → `applicant.name`. */
const fieldPath = (pointer: string): string =>
  pointer.replace(/^\//, '').split('/').join('.').replaceAll('~1', '/').replaceAll('~0', '~');

function describe(error: ErrorObject): { field: string; zh: string; en: string } {
  const base = fieldPath(error.instancePath);
  const params: Record<string, unknown> = error.params;
  if (error.keyword === 'required' && typeof params.missingProperty === 'string') {
    const field = base ? `${base}.${params.missingProperty}` : params.missingProperty;
    return { field, zh: `缺少必填字段：${field}`, en: `Missing required field: ${field}` };
  }
  if (error.keyword === 'additionalProperties' && typeof params.additionalProperty === 'string') {
    const field = base ? `${base}.${params.additionalProperty}` : params.additionalProperty;
    return { field, zh: `不允许的字段：${field}`, en: `Field not allowed: ${field}` };
  }
  const field = base || '(document)';
  return {
    field,
    zh: `字段 ${field} 的值不符合要求（${error.keyword}）`,
    en: `Field ${field} is invalid (${error.keyword}: ${error.message ?? ''})`,
  };
}

export function validateDocument(
  collection: SyncedCollection,
  body: Record<string, unknown>,
): Result<Record<string, unknown>> {
  const validate = validatorFor(collection);
  if (validate(body)) return ok(body);
  const first = validate.errors?.[0];
  if (!first) return fail('SCHEMA_INVALID', '记录格式不正确', 'The record is invalid');
  const { field, zh, en } = describe(first);
  return fail('SCHEMA_INVALID', zh, en, field);
}
