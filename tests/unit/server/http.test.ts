// Strict JSON parsing, log scrubbing, file-type sniffing and migration splitting.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitStatements } from '../../../server/db/migrate.ts';
import { HttpError } from '../../../server/http/errors.ts';
import { parseStrictJson } from '../../../server/http/json.ts';
import { Metrics } from '../../../server/http/metrics.ts';
import { scrubText } from '../../../server/http/scrub.ts';
import { sniffMime } from '../../../server/media/store.ts';

const parse = (text: string) => parseStrictJson(Buffer.from(text));
const codeOf = (fn: () => unknown) => {
  try {
    fn();
    return null;
  } catch (error) {
    return error instanceof HttpError ? error.body.code : 'THROWN';
  }
};

describe('strict JSON', () => {
  it('parses ordinary JSON, including well-formed non-BMP text', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = JSON.stringify(value);
        if (/__proto__|constructor|prototype|\\u0000/.test(text)) return;
        expect(parse(text)).toEqual(JSON.parse(text));
      }),
    );
    expect(parse('{"name":"王𠮷"}')).toEqual({ name: '王𠮷' });
  });

  it('refuses forbidden keys, lone surrogates, NUL, invalid UTF-8 and bad syntax', () => {
    expect(codeOf(() => parse('{"a":{"__proto__":{"x":1}}}'))).toBe('FORBIDDEN_KEY');
    expect(codeOf(() => parse('[{"constructor":{}}]'))).toBe('FORBIDDEN_KEY');
    expect(codeOf(() => parse('{"prototype":1}'))).toBe('FORBIDDEN_KEY');
    expect(codeOf(() => parse('{"a":"\\ud800"}'))).toBe('BAD_TEXT');
    expect(codeOf(() => parse('{"\\udfff":1}'))).toBe('BAD_TEXT');
    expect(codeOf(() => parse('{"a":"\\u0000"}'))).toBe('BAD_TEXT');
    expect(codeOf(() => parseStrictJson(Buffer.from([0x22, 0xc3, 0x28, 0x22])))).toBe('BAD_TEXT');
    expect(codeOf(() => parse('{"a":'))).toBe('BAD_JSON');
    expect(codeOf(() => parse('   '))).toBe('BAD_JSON');
  });
});

describe('log scrubbing', () => {
  it('hides ID numbers, mobiles and track query values, keeps other numbers', () => {
    expect(scrubText('id 110105199003071239 and 32010619990101002X')).toBe(
      'id [id-number] and [id-number]',
    );
    expect(scrubText('call 13800138000 or +86 13912345678')).toBe('call [mobile] or [mobile]');
    expect(scrubText('/track?acceptanceNo=SL1&birthDate=19900307')).toBe(
      '/track?acceptanceNo=[redacted]&birthDate=[redacted]',
    );
    expect(scrubText('at 1767225600000 waybill EA123456785CN 1234567890123')).toBe(
      'at 1767225600000 waybill EA123456785CN 1234567890123',
    );
  });
});

describe('media file types', () => {
  it('recognises JPEG, PNG and PDF by their first bytes only', () => {
    expect(sniffMime(Buffer.from([0xff, 0xd8, 0xff, 0xdb]))).toBe('image/jpeg');
    expect(sniffMime(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(
      'image/png',
    );
    expect(sniffMime(Buffer.from('%PDF-1.4'))).toBe('application/pdf');
    expect(sniffMime(Buffer.from('GIF89a'))).toBeNull();
    expect(sniffMime(Buffer.alloc(0))).toBeNull();
  });
});

describe('metrics', () => {
  it('renders counters and gauges in Prometheus text format', () => {
    const metrics = new Metrics();
    metrics.add('waypost_documents_pushed_total', { collection: 'applications' }, 3);
    metrics.add('waypost_open_streams', {}, 1);
    metrics.add('waypost_http_requests_total', { route: '/a"b', status: '200', method: 'GET' });
    const text = metrics.render();
    expect(text).toContain('waypost_documents_pushed_total{collection="applications"} 3');
    expect(text).toContain('waypost_open_streams 1');
    expect(text).toContain('route="/a\\"b"');
    expect(() => metrics.add('nope', {})).toThrow();
  });
});

describe('migration statements', () => {
  it('splits at top-level semicolons only', () => {
    const sql = `-- a comment; with a semicolon
CREATE TABLE a (t text DEFAULT 'x;y');
CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'no; way';
END
$$;
/* block; comment */ SELECT "odd;name" FROM a;
`;
    const statements = splitStatements(sql);
    expect(statements).toHaveLength(3);
    expect(statements[1]).toContain("RAISE EXCEPTION 'no; way';");
    expect(statements[2]).toContain('"odd;name"');
  });
});
