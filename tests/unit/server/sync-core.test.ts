// Pure pieces of the sync server: checkpoints, canonical JSON, field encryption, domain rules.
import fc from 'fast-check';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalJson, documentBody } from '../../../server/sync/canonical.ts';
import { decodeCheckpoint, encodeCheckpoint } from '../../../server/sync/checkpoint.ts';
import { checkDocument, checkStatusChange } from '../../../server/sync/domain.ts';
import { encryptedFields, openFields, sealFields } from '../../../server/sync/pii.ts';
import { birthDateOf, trackLookup } from '../../../server/sync/track-index.ts';
import { validateDocument } from '../../../server/sync/validate.ts';
import { applicationDoc } from '../../support/server-docs.ts';

describe('checkpoint', () => {
  it('round-trips any (txid, seq) as URL-safe text', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 2n ** 63n - 1n }),
        fc.bigInt({ min: 0n, max: 2n ** 63n - 1n }),
        (txid, seq) => {
          const position = { txid: txid.toString(), seq: seq.toString() };
          const text = encodeCheckpoint(position);
          expect(text).toMatch(/^c1\.[A-Za-z0-9_-]+$/);
          expect(decodeCheckpoint(text)).toEqual(position);
        },
      ),
    );
  });

  it('refuses anything the server did not issue', () => {
    for (const text of [
      '',
      'c1.',
      'c1.!!!',
      'c2.MTIuMw',
      `c1.${Buffer.from("1.2' OR 1=1").toString('base64url')}`,
      'c1.' + 'A'.repeat(200),
    ]) {
      expect(decodeCheckpoint(text)).toBeNull();
    }
  });
});

describe('canonical JSON', () => {
  it('ignores key order and RxDB meta fields at the top level only', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[1,{"y":2,"z":1}]},"b":1}',
    );
    expect(canonicalJson({ id: 'x', _meta: { lwt: 1 }, _rev: '1-a', _attachments: {} })).toBe(
      '{"id":"x"}',
    );
    expect(canonicalJson({ nested: { _rev: 'kept' } })).toBe('{"nested":{"_rev":"kept"}}');
    expect(documentBody({ id: 'x', _deleted: true, _rev: '1' })).toEqual({ id: 'x' });
  });

  it('gives equal text for equal data whatever the key order', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (object) => {
        const reversed = Object.fromEntries(Object.entries(object).reverse());
        expect(canonicalJson(reversed)).toBe(canonicalJson(object));
      }),
    );
  });
});

describe('encrypted fields', () => {
  const key = randomBytes(32);

  it("seals the schemas' encrypted fields and opens them again", () => {
    expect(encryptedFields('applications')).toEqual(['applicant', 'recipient']);
    expect(encryptedFields('vehicles')).toEqual(['owner']);
    expect(encryptedFields('conflicts')).toEqual(['losing']);
    expect(encryptedFields('events')).toEqual([]);
    const doc = applicationDoc('S1');
    const sealed = sealFields(key, 'applications', doc);
    expect(JSON.stringify(sealed)).not.toContain('110105199003071239');
    expect(sealed.acceptanceNo).toBe(doc.acceptanceNo);
    expect(openFields(key, 'applications', sealed)).toEqual(doc);
    expect(() => openFields(randomBytes(32), 'applications', sealed)).toThrow();
  });
});

describe('document rules', () => {
  it('validates against the shared schema with the offending field', () => {
    expect(validateDocument('applications', documentBody(applicationDoc('S1'))).ok).toBe(true);
    const result = validateDocument('applications', {
      ...documentBody(applicationDoc('S1')),
      priority: 'vip',
    });
    expect(!result.ok && result.error).toMatchObject({ code: 'SCHEMA_INVALID', field: 'priority' });
  });

  it('knows statuses and business codes, and keeps status from moving backwards', () => {
    expect(
      checkDocument('applications', { status: 'accepted', businessCode: 'ID_RENEWAL' }).ok,
    ).toBe(true);
    expect(checkDocument('applications', { status: 'nope', businessCode: 'ID_RENEWAL' }).ok).toBe(
      false,
    );
    expect(checkDocument('applications', { status: 'accepted', businessCode: 'NOPE' }).ok).toBe(
      false,
    );
    expect(checkStatusChange({ status: 'packed' }, { status: 'dispatched' }).ok).toBe(true);
    expect(checkStatusChange({ status: 'packed' }, { status: 'accepted' }).ok).toBe(false);
    expect(checkStatusChange({ status: 'failed_attempt' }, { status: 'out_for_delivery' }).ok).toBe(
      true,
    );
    expect(checkStatusChange({ status: 'exception' }, { status: 'packed' }).ok).toBe(true);
    expect(checkStatusChange({ status: 'delivered' }, { status: 'returned' }).ok).toBe(false);
  });

  it('reads the birth date for the track index from the applicant', () => {
    expect(birthDateOf({ birthDate: '19900307' })).toBe('19900307');
    expect(birthDateOf({ idNumber: '32010619990101002X' })).toBe('19990101');
    expect(birthDateOf({ idNumber: 'passport' })).toBeNull();
    const key = randomBytes(32);
    expect(
      trackLookup(key, ' sl-123 ', '19900307').equals(trackLookup(key, 'SL123', '19900307')),
    ).toBe(true);
    expect(
      trackLookup(key, 'SL123', '19900308').equals(trackLookup(key, 'SL123', '19900307')),
    ).toBe(false);
  });
});
