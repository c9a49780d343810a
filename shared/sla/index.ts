// Delivery promises (服务承诺): how long after acceptance of the mail item the item must be
// delivered, by destination tier. Shanxi publishes 12 h provincial capital, 24 h other
// prefecture-level city, 36 h county town, 48 h below county; other provinces configure their
// own hours. Hours are elapsed clock hours, not working hours.
import { fail, ok, type Result } from '../result.ts';
import {
  MUNICIPALITY_CODES,
  countyKind,
  normalizeDivisionCode,
  townshipKind,
} from '../divisions/index.ts';

export const SLA_TIERS = ['capital', 'city', 'county', 'rural'] as const;
export type SlaTier = (typeof SLA_TIERS)[number];

export function isSlaTier(value: unknown): value is SlaTier {
  return SLA_TIERS.some((tier) => tier === value);
}

export const SLA_TIER_LABELS = {
  capital: { zh: '省会城市', en: 'Provincial capital' },
  city: { zh: '地级市', en: 'Prefecture-level city' },
  county: { zh: '县城', en: 'County town' },
  rural: { zh: '县以下乡镇', en: 'Below county level' },
} as const satisfies Record<SlaTier, { zh: string; en: string }>;

export type SlaHours = Readonly<Record<SlaTier, number>>;

export const DEFAULT_SLA_HOURS: SlaHours = { capital: 12, city: 24, county: 36, rural: 48 };

/** When an open item counts as at risk: within `fraction` of its window or `hours` of its due time. */
export interface AtRiskRule {
  readonly fraction?: number;
  readonly hours?: number;
}

export const DEFAULT_AT_RISK: AtRiskRule = { fraction: 0.2 };
/** Used when the window is unknown (no acceptedAt) and the rule gives no hours. */
const FALLBACK_AT_RISK_HOURS = 4;

export interface SlaConfig {
  /** Hours for provinces without their own entry (missing tiers take DEFAULT_SLA_HOURS). */
  readonly defaults?: Partial<SlaHours>;
  /** Per destination province (2-digit code), e.g. { '14': { capital: 12, ... } }. */
  readonly provinces?: Readonly<Record<string, Partial<SlaHours>>>;
  /** Manual tier by division-code prefix (longest wins), e.g. a town that is really suburb. */
  readonly overrides?: Readonly<Record<string, SlaTier>>;
  readonly atRisk?: AtRiskRule;
}

export interface SlaTierOptions {
  /** Forces the tier (a clerk's or supervisor's manual choice). */
  readonly override?: SlaTier;
  readonly overrides?: SlaConfig['overrides'];
}

const HOUR = 3_600_000;

function cityTier(code: string): SlaTier {
  if (MUNICIPALITY_CODES.has(code.slice(0, 2))) return 'capital';
  const city = code.slice(2, 4);
  if (city === '01') return 'capital';
  // 省直辖县级行政区划 (4190, 4290, 4690, 6590): county-level units under the province.
  if (city === '90') return 'county';
  return 'city';
}

function prefixOverride(code: string, overrides: SlaTierOptions['overrides']): SlaTier | null {
  if (overrides === undefined) return null;
  for (let length = code.length; length >= 2; length--) {
    const tier = overrides[code.slice(0, length)];
    if (tier !== undefined) return tier;
  }
  return null;
}

/**
 * The delivery tier of a destination division.
 *   capital  the provincial capital (city code xx01) and the municipalities 11/12/31/50;
 *   city     other prefecture-level cities (地级市, 地区, 自治州, 盟);
 *   county   a county-level unit that is not an urban district (县, 县级市, 旗, …), and the
 *            urban streets (街道, township digits 001–099) of such a county;
 *   rural    towns and townships (镇/乡, digits 100–399) anywhere, below county level.
 * Within a capital or city, a district's streets keep the city's tier; township-like units
 * with digits 400+ (development zones, farms) follow their district, or are rural in a county.
 * A code given only to province level (other than a municipality) is rural: nothing faster
 * can be promised without knowing where.
 */
export function slaTierFor(divisionCode: string, options: SlaTierOptions = {}): Result<SlaTier> {
  if (options.override !== undefined) return ok(options.override);
  const normalized = normalizeDivisionCode(divisionCode);
  if (!normalized.ok) return normalized;
  const code = normalized.value;
  const overridden = prefixOverride(code, options.overrides);
  if (overridden !== null) return ok(overridden);
  if (code.length === 2) return ok(MUNICIPALITY_CODES.has(code) ? 'capital' : 'rural');
  const base = cityTier(code);
  if (code.length === 4) return ok(base);
  const countyTier: SlaTier = countyKind(code) === 'district' ? base : 'county';
  if (code.length === 6) return ok(countyTier);
  switch (townshipKind(code)) {
    case 'street':
      return ok(countyTier);
    case 'other':
      return ok(countyKind(code) === 'district' ? countyTier : 'rural');
    default:
      return ok('rural');
  }
}

/** slaTierFor, with a malformed code treated as rural (the longest promise). */
export function slaTier(divisionCode: string, options: SlaTierOptions = {}): SlaTier {
  const tier = slaTierFor(divisionCode, options);
  return tier.ok ? tier.value : 'rural';
}

export function slaHours(tier: SlaTier, config: SlaConfig = {}, provinceCode?: string): number {
  const province = provinceCode === undefined ? undefined : config.provinces?.[provinceCode];
  return province?.[tier] ?? config.defaults?.[tier] ?? DEFAULT_SLA_HOURS[tier];
}

/** The promised delivery time: acceptance + the tier's hours for the destination province. */
export function dueAt(
  acceptedAt: Date | number,
  tier: SlaTier,
  config: SlaConfig = {},
  provinceCode?: string,
): Date {
  const start = typeof acceptedAt === 'number' ? acceptedAt : acceptedAt.getTime();
  return new Date(start + slaHours(tier, config, provinceCode) * HOUR);
}

/** Tier and due time for a destination division code, with the config's overrides applied. */
export function promiseFor(
  acceptedAt: Date | number,
  divisionCode: string,
  config: SlaConfig = {},
  options: Pick<SlaTierOptions, 'override'> = {},
): { readonly tier: SlaTier; readonly dueAt: Date } {
  const tier = slaTier(divisionCode, { ...options, overrides: config.overrides });
  const normalized = normalizeDivisionCode(divisionCode);
  const province = normalized.ok ? normalized.value.slice(0, 2) : undefined;
  return { tier, dueAt: dueAt(acceptedAt, tier, config, province) };
}

export type SlaState = 'on_time' | 'at_risk' | 'overdue';

export const SLA_STATE_LABELS = {
  on_time: { zh: '正常', en: 'On time' },
  at_risk: { zh: '即将超时', en: 'At risk' },
  overdue: { zh: '已超时', en: 'Overdue' },
} as const satisfies Record<SlaState, { zh: string; en: string }>;

/**
 * Overdue strictly after the due time. At risk when the time left is within the rule's
 * fraction of the whole window (needs acceptedAt) or within its hours; without acceptedAt and
 * without hours, within 4 h.
 */
export function slaState(
  due: Date | number,
  now: Date | number,
  options: { readonly acceptedAt?: Date | number; readonly atRisk?: AtRiskRule } = {},
): SlaState {
  const dueMs = typeof due === 'number' ? due : due.getTime();
  const nowMs = typeof now === 'number' ? now : now.getTime();
  const left = dueMs - nowMs;
  if (left < 0) return 'overdue';
  const rule = options.atRisk ?? DEFAULT_AT_RISK;
  const accepted = options.acceptedAt;
  let threshold = 0;
  if (rule.fraction !== undefined && accepted !== undefined) {
    const acceptedMs = typeof accepted === 'number' ? accepted : accepted.getTime();
    threshold = Math.max(threshold, rule.fraction * (dueMs - acceptedMs));
  }
  if (rule.hours !== undefined) threshold = Math.max(threshold, rule.hours * HOUR);
  else if (accepted === undefined) threshold = Math.max(threshold, FALLBACK_AT_RISK_HOURS * HOUR);
  return left <= threshold ? 'at_risk' : 'on_time';
}

const isHours = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value) && value > 0 && value <= 24 * 60;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function parseHours(value: unknown, where: string): Result<Partial<SlaHours>> {
  if (!isRecord(value)) return badConfig(where);
  const out: Partial<Record<SlaTier, number>> = {};
  for (const [key, hours] of Object.entries(value)) {
    if (!isSlaTier(key) || !isHours(hours)) return badConfig(`${where}.${key}`);
    out[key] = hours;
  }
  const resolved = SLA_TIERS.map((t) => out[t] ?? DEFAULT_SLA_HOURS[t]);
  if (resolved.some((h, i) => i > 0 && h < (resolved[i - 1] ?? 0))) {
    return fail(
      'SLA_CONFIG_ORDER',
      `时限配置 ${where} 不合理：省会不应长于地市，地市不应长于县城，县城不应长于乡镇`,
      `SLA hours at ${where} must not decrease from capital to city to county to rural`,
      where,
    );
  }
  return ok(out);
}

function badConfig(where: string): Result<never> {
  return fail(
    'SLA_CONFIG_INVALID',
    `时限配置 ${where} 格式不正确`,
    `Invalid SLA configuration at ${where}`,
    where,
  );
}

/** Validates an SLA configuration from the server or an admin file. */
export function parseSlaConfig(input: unknown): Result<SlaConfig> {
  if (!isRecord(input)) return badConfig('config');
  const raw = input;
  const config: {
    defaults?: Partial<SlaHours>;
    provinces?: Record<string, Partial<SlaHours>>;
    overrides?: Record<string, SlaTier>;
    atRisk?: AtRiskRule;
  } = {};
  if (raw.defaults !== undefined) {
    const defaults = parseHours(raw.defaults, 'defaults');
    if (!defaults.ok) return defaults;
    config.defaults = defaults.value;
  }
  if (raw.provinces !== undefined) {
    if (!isRecord(raw.provinces)) return badConfig('provinces');
    config.provinces = {};
    for (const [province, hours] of Object.entries(raw.provinces)) {
      if (!/^\d{2}$/.test(province)) return badConfig(`provinces.${province}`);
      const parsed = parseHours(hours, `provinces.${province}`);
      if (!parsed.ok) return parsed;
      config.provinces[province] = parsed.value;
    }
  }
  if (raw.overrides !== undefined) {
    if (!isRecord(raw.overrides)) return badConfig('overrides');
    config.overrides = {};
    for (const [prefix, tier] of Object.entries(raw.overrides)) {
      if (!/^\d{2,9}$/.test(prefix) || !isSlaTier(tier)) {
        return badConfig(`overrides.${prefix}`);
      }
      config.overrides[prefix] = tier;
    }
  }
  if (raw.atRisk !== undefined) {
    const rule = raw.atRisk;
    if (!isRecord(rule)) return badConfig('atRisk');
    const { fraction, hours } = rule;
    if (fraction !== undefined && !(typeof fraction === 'number' && fraction > 0 && fraction < 1)) {
      return badConfig('atRisk.fraction');
    }
    if (hours !== undefined && !isHours(hours)) return badConfig('atRisk.hours');
    config.atRisk = {
      ...(typeof fraction === 'number' ? { fraction } : {}),
      ...(typeof hours === 'number' ? { hours } : {}),
    };
  }
  return ok(config);
}

export { COMPLAINT_ANSWER_WORKING_DAYS, complaintDueAt } from './complaint.ts';
