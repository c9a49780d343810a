// Due times as a clerk reads them: Beijing wall-clock time and how long is left (or how late).
const BEIJING_OFFSET_MS = 8 * 3600_000;
const MINUTE = 60_000;

/** 'MM-DD HH:mm' in Beijing time; with the year when it differs from `now`'s. */
export function formatBeijing(at: number, now?: number): string {
  const d = new Date(at + BEIJING_OFFSET_MS);
  const pad = (n: number) => String(n).padStart(2, '0');
  const md = `${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
  const sameYear =
    now === undefined || new Date(now + BEIJING_OFFSET_MS).getUTCFullYear() === d.getUTCFullYear();
  return sameYear ? md : `${d.getUTCFullYear()}-${md}`;
}

function spanZh(ms: number): string {
  const minutes = Math.floor(ms / MINUTE);
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  if (days > 0) return `${days}天${hours}小时`;
  if (hours > 0) return `${hours}小时${mins}分`;
  return `${mins}分钟`;
}

function spanEn(ms: number): string {
  const minutes = Math.floor(ms / MINUTE);
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  if (days > 0) return `${days} d ${hours} h`;
  if (hours > 0) return `${hours} h ${mins} min`;
  return `${mins} min`;
}

export interface DueDisplay {
  /** e.g. '10-01 09:00' */
  readonly at: string;
  /** e.g. '还剩 3小时20分' or '已超时 1天2小时' */
  readonly relativeZh: string;
  readonly relativeEn: string;
  readonly overdue: boolean;
}

export function dueDisplay(dueAt: number, now: number): DueDisplay {
  const left = dueAt - now;
  const overdue = left < 0;
  return {
    at: formatBeijing(dueAt, now),
    relativeZh: overdue ? `已超时 ${spanZh(-left)}` : `还剩 ${spanZh(left)}`,
    relativeEn: overdue ? `${spanEn(-left)} overdue` : `${spanEn(left)} left`,
    overdue,
  };
}
