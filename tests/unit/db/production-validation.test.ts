// Production builds validate with z-schema (no AJV, no dev-mode). Every client schema must
// compile under it, and real documents must pass.
import { describe, expect, it } from 'vitest';
import { getValidator } from 'rxdb/plugins/validate-z-schema';
import { clientSchemas } from '../../../renderer/db/collections.ts';
import { insertApplication } from '../../../renderer/db/applications.ts';
import { makeApplication, openTestDatabase } from './fixtures.ts';

describe('production validation (z-schema)', () => {
  it('compiles every client schema', () => {
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
    } finally {
      await store.close();
    }
  });
});
