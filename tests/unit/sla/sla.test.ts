import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { childrenOf } from '../../../shared/divisions/index.ts';
import {
  DEFAULT_SLA_HOURS,
  SLA_TIERS,
  SLA_TIER_LABELS,
  dueAt,
  parseSlaConfig,
  promiseFor,
  slaHours,
  slaState,
  slaTier,
  slaTierFor,
  type SlaState,
} from '../../../shared/sla/index.ts';
import { unwrap } from '../../../shared/result.ts';

const HOUR = 3_600_000;
const accepted = Date.parse('2026-03-02T10:00:00+08:00');

describe('slaTier', () => {
  it('classifies Shanxi destinations', () => {
    expect(slaTier('140100')).toBe('capital'); // 太原市
    expect(slaTier('1401')).toBe('capital');
    expect(slaTier('140105')).toBe('capital'); // 小店区, an urban district of the capital
    expect(slaTier('140105001')).toBe('capital'); // 坞城街道 in 小店区
    expect(slaTier('140200')).toBe('city'); // 大同市
    expect(slaTier('140213')).toBe('city'); // 平城区, urban district of 大同
    expect(slaTier('140181')).toBe('county'); // 古交市, county-level city
    expect(slaTier('140181001')).toBe('county'); // 东曲街道: a street of a county town
    expect(slaTier('140121')).toBe('county'); // 清徐县 without a township
    expect(slaTier('140121100')).toBe('rural'); // 清源镇
    expect(slaTier('140121200')).toBe('rural'); // 马峪乡
    expect(slaTier('140105100')).toBe('rural'); // 北格镇: a town, even inside the capital
  });

  it('treats municipalities as capital and province-administered counties as county', () => {
    expect(slaTier('110000')).toBe('capital');
    expect(slaTier('110101')).toBe('capital');
    expect(slaTier('500101')).toBe('capital'); // 重庆 万州区
    expect(slaTier('500230')).toBe('county'); // 重庆 丰都县
    expect(slaTier('419001')).toBe('county'); // 济源市 (省直辖)
    expect(slaTier('441900')).toBe('city'); // 东莞市, prefecture city without counties
    expect(slaTier('110115403')).toBe('capital'); // 北京经济技术开发区 in 大兴区
    expect(slaTier('140000')).toBe('rural'); // province only: nothing faster can be promised
  });

  it('applies manual overrides', () => {
    expect(slaTier('140121100', { override: 'county' })).toBe('county');
    const overrides = { '140121': 'city', '140121100': 'capital', '14': 'rural' } as const;
    expect(slaTier('140121100', { overrides })).toBe('capital');
    expect(slaTier('140121200', { overrides })).toBe('city');
    expect(slaTier('140200', { overrides })).toBe('rural');
  });

  it('reports malformed codes, and slaTier falls back to rural', () => {
    const r = slaTierFor('abc');
    expect(!r.ok && r.error.code).toBe('DIVISION_CODE_FORMAT');
    expect(slaTier('abc')).toBe('rural');
  });

  it('has a tier for every county in the data and never throws on any code', () => {
    for (const p of childrenOf(null)) {
      for (const c of childrenOf(p.code)) {
        for (const county of childrenOf(c.code)) {
          expect(SLA_TIERS).toContain(slaTier(county.code));
        }
      }
    }
    fc.assert(
      fc.property(fc.string({ maxLength: 14 }), (code) => {
        expect(SLA_TIERS).toContain(slaTier(code));
      }),
      { numRuns: 1000 },
    );
  });

  it('names the tiers in Chinese', () => {
    expect(SLA_TIER_LABELS.capital.zh).toBe('省会城市');
    expect(SLA_TIER_LABELS.rural.zh).toBe('县以下乡镇');
  });
});

describe('dueAt', () => {
  it('uses Shanxi’s published hours by default', () => {
    expect(DEFAULT_SLA_HOURS).toEqual({ capital: 12, city: 24, county: 36, rural: 48 });
    expect(dueAt(accepted, 'capital').getTime()).toBe(accepted + 12 * HOUR);
    expect(dueAt(new Date(accepted), 'rural').toISOString()).toBe('2026-03-04T02:00:00.000Z');
  });

  it('takes hours per province, then defaults, then the built-in defaults', () => {
    const config = { defaults: { rural: 72 }, provinces: { '44': { capital: 24, city: 24 } } };
    expect(slaHours('capital', config, '44')).toBe(24);
    expect(slaHours('county', config, '44')).toBe(36);
    expect(slaHours('rural', config, '44')).toBe(72);
    expect(slaHours('capital', config, '14')).toBe(12);
    expect(dueAt(accepted, 'capital', config, '44').getTime()).toBe(accepted + 24 * HOUR);
  });

  it('gives tier and due time for a destination in one call', () => {
    const p = promiseFor(accepted, '140121100', { provinces: { '14': { rural: 40 } } });
    expect(p.tier).toBe('rural');
    expect(p.dueAt.getTime()).toBe(accepted + 40 * HOUR);
    expect(promiseFor(accepted, '140121100', { overrides: { '140121': 'county' } }).tier).toBe(
      'county',
    );
  });

  it('is monotonic in tier for any valid configuration', () => {
    const hours = fc.integer({ min: 1, max: 240 });
    const config = fc
      .tuple(hours, hours, hours, hours)
      .map((h) => [...h].sort((a, b) => a - b))
      .map(([capital = 1, city = 1, county = 1, rural = 1]) => ({
        provinces: { '14': { capital, city, county, rural } },
      }));
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4e12 }), config, (at, cfg) => {
        expect(unwrap(parseSlaConfig(cfg))).toEqual(cfg);
        for (const province of ['14', '44']) {
          const due = SLA_TIERS.map((t) => dueAt(at, t, cfg, province).getTime());
          for (let i = 1; i < due.length; i++) {
            expect(due[i]).toBeGreaterThanOrEqual(due[i - 1] ?? Infinity);
          }
          expect(due[0]).toBeGreaterThan(at);
        }
      }),
      { numRuns: 1000 },
    );
  });
});

describe('slaState', () => {
  const due = accepted + 12 * HOUR;

  it('is on time, then at risk in the last 20% of the window, then overdue', () => {
    expect(slaState(due, accepted + HOUR, { acceptedAt: accepted })).toBe('on_time');
    expect(slaState(due, due - 2.4 * HOUR - 1, { acceptedAt: accepted })).toBe('on_time');
    expect(slaState(due, due - 2.4 * HOUR, { acceptedAt: accepted })).toBe('at_risk');
    expect(slaState(due, due, { acceptedAt: accepted })).toBe('at_risk');
    expect(slaState(due, due + 1, { acceptedAt: accepted })).toBe('overdue');
  });

  it('uses a configured threshold, or 4 h when the window is unknown', () => {
    expect(slaState(due, due - 5 * HOUR, { atRisk: { hours: 6 } })).toBe('at_risk');
    expect(slaState(due, due - 5 * HOUR)).toBe('on_time');
    expect(slaState(due, due - 4 * HOUR)).toBe('at_risk');
    expect(slaState(new Date(due), new Date(due + HOUR))).toBe('overdue');
  });

  it('never moves back as time passes', () => {
    const order: Record<SlaState, number> = { on_time: 0, at_risk: 1, overdue: 2 };
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 96 }),
        fc.integer({ min: -200 * HOUR, max: 200 * HOUR }),
        fc.integer({ min: 0, max: 50 * HOUR }),
        fc.option(fc.record({ fraction: fc.double({ min: 0.01, max: 0.99, noNaN: true }) }), {
          nil: undefined,
        }),
        (windowHours, offset, step, atRisk) => {
          const d = accepted + windowHours * HOUR;
          const options =
            atRisk === undefined ? { acceptedAt: accepted } : { acceptedAt: accepted, atRisk };
          const a = slaState(d, d + offset, options);
          const b = slaState(d, d + offset + step, options);
          expect(order[b]).toBeGreaterThanOrEqual(order[a]);
          expect(a === 'overdue').toBe(offset > 0);
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe('parseSlaConfig', () => {
  it('accepts a full configuration', () => {
    const config = {
      defaults: { capital: 12, city: 24, county: 36, rural: 48 },
      provinces: { '14': { capital: 12 } },
      overrides: { '140121100': 'county' },
      atRisk: { fraction: 0.25, hours: 3 },
    };
    expect(unwrap(parseSlaConfig(config))).toEqual(config);
  });

  it('rejects malformed or contradictory configurations with codes', () => {
    const code = (input: unknown) => {
      const r = parseSlaConfig(input);
      return r.ok ? 'OK' : r.error.code;
    };
    expect(code(null)).toBe('SLA_CONFIG_INVALID');
    expect(code({ defaults: { capital: -1 } })).toBe('SLA_CONFIG_INVALID');
    expect(code({ defaults: { town: 3 } })).toBe('SLA_CONFIG_INVALID');
    expect(code({ provinces: { '1': { capital: 12 } } })).toBe('SLA_CONFIG_INVALID');
    expect(code({ overrides: { '140121': 'suburb' } })).toBe('SLA_CONFIG_INVALID');
    expect(code({ atRisk: { fraction: 2 } })).toBe('SLA_CONFIG_INVALID');
    expect(code({ provinces: { '14': { capital: 30, city: 24 } } })).toBe('SLA_CONFIG_ORDER');
    const order = parseSlaConfig({ defaults: { county: 60 } });
    expect(!order.ok && order.error.message).toContain('不应长于');
  });
});
