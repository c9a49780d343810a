// Staff ids are server-generated; a clerk reads names. The names of staff who logged in on
// this device are kept here (staff names are not applicants' personal data).
const KEY = 'waypost.staffNames';

function read(): Record<string, string> {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(KEY) ?? '{}');
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, string>) : {};
  } catch {
    return {};
  }
}

export function rememberStaff(staffId: string, name: string): void {
  try {
    localStorage.setItem(KEY, JSON.stringify({ ...read(), [staffId]: name }));
  } catch {
    // not kept: the short id is shown instead
  }
}

/** The staff member's name, or a short form of the id for staff of other devices. */
export function staffName(staffId: string | undefined): string {
  if (!staffId) return '—';
  return read()[staffId] ?? `#${staffId.slice(-6)}`;
}
