// Working-day calendar updates imported by an operator, merged over the packaged seed.
import {
  mergeCalendarData,
  parseCalendarData,
  SEED_CALENDAR,
  type CalendarData,
} from '../../shared/calendar/index.ts';
import type { Result } from '../../shared/result.ts';
import { ok } from '../../shared/result.ts';
import type { Queryable } from '../db/types.ts';

export async function currentCalendar(db: Queryable): Promise<CalendarData> {
  const { rows } = await db.query<{ data: unknown }>(
    'SELECT data FROM calendar_updates ORDER BY id',
  );
  let calendar = SEED_CALENDAR;
  for (const row of rows) {
    const parsed = parseCalendarData(row.data);
    if (parsed.ok) calendar = mergeCalendarData(calendar, parsed.value);
  }
  return calendar;
}

/** Validates and stores an update; later imports win over earlier ones for the years they publish. */
export async function importCalendar(db: Queryable, input: unknown): Promise<Result<CalendarData>> {
  const parsed = parseCalendarData(input);
  if (!parsed.ok) return parsed;
  await db.query('INSERT INTO calendar_updates (data) VALUES ($1::jsonb)', [
    JSON.stringify(parsed.value),
  ]);
  return ok(parsed.value);
}
