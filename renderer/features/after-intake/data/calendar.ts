// The working-day calendar for work-order deadlines: the packaged seed, merged with the
// central server's data (GET /api/v1/calendar) when it has been fetched — so next year's
// holidays arrive without an app release. The last fetched copy is kept for offline use.
import {
  createCalendar,
  mergeCalendarData,
  parseCalendarData,
  SEED_CALENDAR,
  type CalendarData,
  type WorkingCalendar,
} from '../../../../shared/calendar/index.ts';
import { serverGet } from './context.ts';

const KEY = 'waypost.calendar';

function stored(): CalendarData | null {
  try {
    const parsed = parseCalendarData(JSON.parse(localStorage.getItem(KEY) ?? 'null'));
    return parsed.ok ? parsed.value : null;
  } catch {
    return null;
  }
}

let calendar: WorkingCalendar | null = null;

export function workingCalendar(): WorkingCalendar {
  if (calendar === null) {
    const update = typeof localStorage === 'undefined' ? null : stored();
    calendar = createCalendar(update ? mergeCalendarData(SEED_CALENDAR, update) : SEED_CALENDAR);
  }
  return calendar;
}

/** Best effort: keeps the current calendar when the server is unreachable. */
export async function refreshCalendar(): Promise<void> {
  const answer = await serverGet('/calendar', {}, {
    parse: (body) => {
      const parsed = parseCalendarData(body);
      return parsed.ok ? parsed.value : null;
    },
  });
  if (!answer.ok) return;
  localStorage.setItem(KEY, JSON.stringify(answer.value));
  calendar = createCalendar(mergeCalendarData(SEED_CALENDAR, answer.value));
}
