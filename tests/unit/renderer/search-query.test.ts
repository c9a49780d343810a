import { describe, expect, it } from 'vitest';
import { classifySearch } from '../../../renderer/features/records/search-query.ts';

describe('records search classification', () => {
  it.each([
    ['EA123456785CN', 'waybill', 'EA123456785CN'],
    ['ea123456785cn', 'waybill', 'EA123456785CN'],
    ['1234567890123', 'waybill', '1234567890123'],
    ['5678', 'phoneLast4', '5678'],
    ['138 1234 5678', 'mobile', '13812345678'],
    ['110105199003071239', 'idNumber', '110105199003071239'],
    ['32010619990101002x', 'idNumber', '32010619990101002X'],
    ['A2026050400012', 'acceptance', 'A2026050400012'],
    ['140106202605040001', 'acceptance', '140106202605040001'],
    ['王小明', 'name', '王小明'],
    ['  欧阳 娜娜 ', 'name', '欧阳 娜娜'],
  ])('%s → %s', (input, kind, value) => {
    expect(classifySearch(input)).toEqual({ kind, value });
  });

  it('an invalid ID or waybill check falls back to the acceptance number', () => {
    expect(classifySearch('110105199003071230')?.kind).toBe('acceptance');
    expect(classifySearch('EA123456784CN')?.kind).toBe('acceptance');
  });

  it('empty input is no search', () => {
    expect(classifySearch('   ')).toBeNull();
  });
});
