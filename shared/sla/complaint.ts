// "Complaints → checked and answered within one working day" (Three 100%). Public holidays and
// adjusted working days count, so the deadline comes from the working-day calendar.
import type { WorkingCalendar } from '../calendar/index.ts';

export const COMPLAINT_ANSWER_WORKING_DAYS = 1;

/** End (23:59:59.999 Beijing) of the first working day after the day the complaint was raised. */
export function complaintDueAt(
  raisedAt: Date | number,
  calendar: WorkingCalendar,
  workingDays: number = COMPLAINT_ANSWER_WORKING_DAYS,
): Date {
  return calendar.addWorkingDays(raisedAt, workingDays);
}
