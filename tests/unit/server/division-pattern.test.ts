// The division-code pattern of the shared schemas: 6 digits (county) or 9 (township), spelled
// as an alternation the client's validator (z-schema) accepts, and the same as the client's.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applicationClientSchema } from '../../../renderer/db/schemas/application.schema.ts';
import { documentBody } from '../../../server/sync/canonical.ts';
import { validateDocument } from '../../../server/sync/validate.ts';
import { addressProperties } from '../../../shared/sync/schemas/common.ts';
import { applicationDoc } from '../../support/server-docs.ts';

const pattern = new RegExp(addressProperties.divisionCode.pattern);

describe('division-code pattern', () => {
  it('matches exactly what the former ^[0-9]{6}([0-9]{3})?$ matched', () => {
    const former = /^[0-9]{6}([0-9]{3})?$/;
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9a]{0,12}$/), (code) => {
        expect(pattern.test(code)).toBe(former.test(code));
      }),
      { numRuns: 2000 },
    );
  });

  it('is the pattern the client schema uses', () => {
    const client = applicationClientSchema.properties.recipient.properties.address.properties;
    expect(client.divisionCode.pattern).toBe(addressProperties.divisionCode.pattern);
  });

  it('lets the server accept county and township codes and refuse the rest', () => {
    const withCode = (divisionCode: string) => {
      const doc = applicationDoc('S1');
      const recipient = doc.recipient;
      if (!recipient) throw new Error('fixture has a recipient');
      return validateDocument(
        'applications',
        documentBody({
          ...doc,
          recipient: { ...recipient, address: { ...recipient.address, divisionCode } },
        }),
      );
    };
    for (const code of ['140106', '140106001']) expect(withCode(code).ok).toBe(true);
    for (const code of ['14010', '1401060', '14010600', '1401060011', '14010a', '']) {
      const result = withCode(code);
      expect(!result.ok && result.error).toMatchObject({ code: 'SCHEMA_INVALID' });
    }
  });
});
