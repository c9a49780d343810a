import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { REDACTED, redactContext, redactText } from '../../../shared/host/redact.ts';

describe('log redaction', () => {
  it('removes ID numbers and mobiles from text', () => {
    const line =
      'applicant 110105199003071239 phone 13812345678, alt +86 138-1234-5678, 32010619990101002x';
    const out = redactText(line);
    expect(out).not.toMatch(/110105199003071239|13812345678|1234-5678|32010619990101002x/i);
    expect(out).toContain('[ID]');
    expect(out).toContain('[MOBILE]');
  });

  it('keeps waybill numbers, ULIDs, timestamps and longer digit runs', () => {
    const line =
      'waybill EA123456785CN id 01HZX3K4M5N6P7Q8R9S0T1V2W3 at 1763690000000 ref 1234567890123456789012';
    expect(redactText(line)).toBe(line);
  });

  it('drops personal fields by key and redacts numbers in other values', () => {
    const out = redactContext({
      name: '王小明',
      recipientAddress: '迎泽大街100号',
      idNumber: '110105199003071239',
      mobile: 13812345678,
      note: 'call 13812345678',
      count: 3,
      ok: true,
    });
    expect(out).toEqual({
      name: REDACTED,
      recipientAddress: REDACTED,
      idNumber: REDACTED,
      mobile: REDACTED,
      note: 'call [MOBILE]',
      count: 3,
      ok: true,
    });
  });

  it('never lets a generated mobile or ID through, whatever surrounds it', () => {
    const mobile = fc
      .tuple(fc.constantFrom('3', '4', '5', '6', '7', '8', '9'), fc.stringMatching(/^\d{9}$/))
      .map(([second, rest]) => `1${second}${rest}`);
    const id = fc.stringMatching(/^\d{17}[\dX]$/);
    const filler = fc.string({ maxLength: 12 }).map((s) => s.replace(/[0-9A-Za-z]/g, ' '));
    fc.assert(
      fc.property(filler, fc.oneof(mobile, id), filler, (before, secret, after) => {
        expect(redactText(`${before}${secret}${after}`)).not.toContain(secret);
      }),
      { numRuns: 1000 },
    );
  });
});
