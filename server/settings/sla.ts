// SLA tier hours per province, set by an operator and served to clients (GET /api/v1/config).
import { parseSlaConfig, type SlaConfig } from '../../shared/sla/index.ts';
import { ok, type Result } from '../../shared/result.ts';
import type { Queryable } from '../db/types.ts';

export async function currentSlaConfig(db: Queryable): Promise<SlaConfig> {
  const { rows } = await db.query<{ value: unknown }>(
    `SELECT value FROM settings WHERE key = 'sla'`,
  );
  const parsed = rows[0] ? parseSlaConfig(rows[0].value) : null;
  return parsed?.ok ? parsed.value : {};
}

export async function setSlaConfig(db: Queryable, input: unknown): Promise<Result<SlaConfig>> {
  const parsed = parseSlaConfig(input);
  if (!parsed.ok) return parsed;
  await db.query(
    `INSERT INTO settings (key, value) VALUES ('sla', $1::jsonb)
     ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = now()`,
    [JSON.stringify(parsed.value)],
  );
  return ok(parsed.value);
}
