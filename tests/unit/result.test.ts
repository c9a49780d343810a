import { describe, expect, it } from 'vitest';
import { errorText, fail, ok, unwrap } from '../../shared/result.ts';

describe('result', () => {
  it('carries values and errors as data', () => {
    expect(unwrap(ok(3))).toBe(3);
    const bad = fail('X_CODE', '错误', 'Error', 'field');
    expect(bad.ok).toBe(false);
    expect(errorText(bad.error)).toBe('错误（X_CODE）');
    expect(errorText(bad.error, 'en')).toBe('Error（X_CODE）');
    expect(() => unwrap(bad)).toThrow('X_CODE');
  });
});
