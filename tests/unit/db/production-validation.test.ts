// Production builds validate with @cfworker/json-schema (no AJV, no dev-mode; z-schema is kept
// as an option for comparison). Every client schema must compile under both, real documents
// must pass and malformed ones must not.
import { describe, expect, it } from 'vitest';
import { META_INSTANCE_SCHEMA_TITLE } from 'rxdb';
import { getValidator } from 'rxdb/plugins/validate-z-schema';
import { clientSchemas } from '../../../renderer/db/collections.ts';
import { insertApplication } from '../../../renderer/db/applications.ts';
import { jsonSchemaValidator } from '../../../renderer/db/validation.ts';
import { makeApplication, openTestDatabase } from './fixtures.ts';

describe('production validation (@cfworker/json-schema)', () => {
  it('compiles every client schema (both validators)', () => {
    for (const [name, schema] of Object.entries(clientSchemas)) {
      const errors = jsonSchemaValidator(schema as never)({});
      // An empty object misses every required field, and nothing else is wrong with it.
      expect(errors.length, name).toBeGreaterThan(0);
      expect(
        errors.filter((e) => !/required|properties/.test(e.message)),
        name,
      ).toEqual([]);
    }
    for (const [name, schema] of Object.entries(clientSchemas)) {
      const errors = getValidator(schema as never)({}) as { message: string }[];
      const schemaErrors = errors.filter((e) => /not a valid|Keyword/.test(e.message));
      expect(schemaErrors, name).toEqual([]);
    }
  });

  it('accepts a full application and refuses a malformed one', async () => {
    // devMode false here: import.meta.env.DEV is true under vitest, so pass it explicitly.
    const store = await openTestDatabase({
      devMode: false,
      collections: ['applications', 'waybills', 'conflicts', 'syncIssues'],
    });
    try {
      const doc = await insertApplication(store, makeApplication());
      expect(doc.recipient?.address.divisionCode).toBe('140106');
      await expect(
        insertApplication(store, makeApplication({ priority: 'whenever' as 'normal' })),
      ).rejects.toThrow();
      await expect(
        insertApplication(
          store,
          makeApplication({
            recipient: {
              name: '李收件',
              mobile: '13900000000',
              address: { divisionCode: '14010', detail: '坞城路 1 号' },
            },
          }),
        ),
      ).rejects.toThrow(/VD2|validation/i);
    } finally {
      await store.close();
    }
  });
  it('leaves replication bookkeeping alone (its documents were checked in their collection)', () => {
    const meta = { ...clientSchemas.applications, title: META_INSTANCE_SCHEMA_TITLE };
    expect(jsonSchemaValidator(meta as never)({})).toEqual([]);
    expect(jsonSchemaValidator(clientSchemas.applications as never)({}).length).toBeGreaterThan(0);
  });
});
