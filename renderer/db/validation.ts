// Production validation of every local write against the collection's JSON schema, with
// @cfworker/json-schema: it interprets the schema (no `new Function`, which the strict CSP
// forbids and AJV needs) and costs about 0.2 ms per application where z-schema 12 took about
// 5 ms — the largest single cost of a save and of seeding before this change.
import { Validator, type Schema } from '@cfworker/json-schema';
import {
  META_INSTANCE_SCHEMA_TITLE,
  wrappedValidateStorageFactory,
  type RxJsonSchema,
  type RxValidationError,
} from 'rxdb';

/** One validator per schema (RxDB caches it per schema text). */
export function jsonSchemaValidator(
  schema: RxJsonSchema<unknown>,
): (doc: unknown) => RxValidationError[] {
  // Replication bookkeeping (RxDB's meta instance) embeds a copy of each synced document, which
  // was validated when it was written to its collection; checking it again doubled the
  // validation cost of every push and pull.
  if (schema.title === META_INSTANCE_SCHEMA_TITLE) return () => [];
  // RxDB schemas are draft-07 JSON Schema plus RxDB's own keywords (ignored here).
  const validator = new Validator(schema satisfies object as Schema, '7', false);
  return (doc) => {
    const result = validator.validate(doc);
    if (result.valid) return [];
    return result.errors.map((e) => ({
      field: e.instanceLocation.replace(/^#\/?/, '').replaceAll('/', '.'),
      message: `${e.keywordLocation}: ${e.error}`,
    }));
  };
}

export const wrappedValidateJsonSchemaStorage = wrappedValidateStorageFactory(
  jsonSchemaValidator,
  'cfworker-json-schema',
);
