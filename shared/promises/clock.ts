// The delivery-time clock: when it starts and when the item is due. One rule for every
// caller — the promise screens, reports, the enquiry screen and the public track endpoint —
// so a clerk, a supervisor and an applicant on the phone never see different due times.
//
// DOMAIN.md promises delivery within the tier's hours "after acceptance of the mail item"
// (收寄): when the post takes in the finished, packed item, not when the window accepted the
// police business (production takes days). So by default the clock starts at the item's first
// `packed` or `dispatched` event, and an item still in production is not on the clock.
// `clockStart: 'acceptance'` uses the due time fixed at intake (`destination.dueAt`) instead,
// for provinces that promise from window acceptance.
import type { ApplicationStatus } from '../lifecycle/index.ts';
import { dueAt as slaDueAt, type SlaConfig, type SlaTier } from '../sla/index.ts';
import type { ApplicationDoc } from '../sync/collections.ts';
import { currentStatus, firstEventAt, type ItemEvent } from './events.ts';

export type ClockStart = 'mail_acceptance' | 'acceptance';

/** The events that mean the post has taken the mail item in. */
export const MAIL_ACCEPTANCE_EVENTS = ['packed', 'dispatched'] as const;

/** What the clock reads of an application (an ApplicationDoc fits; no personal data). */
export interface ClockApplication {
  readonly acceptedAt: number;
  readonly delivery: { readonly method: ApplicationDoc['delivery']['method'] };
  readonly destination?:
    { readonly divisionCode: string; readonly tier: SlaTier; readonly dueAt?: number } | undefined;
}

export interface ClockOptions {
  readonly sla?: SlaConfig | undefined;
  /** Default 'mail_acceptance'. */
  readonly clockStart?: ClockStart | undefined;
}

export interface PromiseClock {
  /** The status the item's events fold to. */
  readonly status: ApplicationStatus;
  /** False when no delivery promise applies: collected in person, cancelled or returned. */
  readonly applies: boolean;
  /** When the clock started, or null (not applicable, or not yet taken in by the post). */
  readonly clockStartedAt: number | null;
  /** When the item is due, or null (as above, or the destination's tier is unknown). */
  readonly dueAt: number | null;
}

export function promiseClock(
  application: ClockApplication,
  events: readonly ItemEvent[],
  options: ClockOptions = {},
): PromiseClock {
  const status = currentStatus(events);
  if (application.delivery.method !== 'mail' || status === 'cancelled' || status === 'returned') {
    return { status, applies: false, clockStartedAt: null, dueAt: null };
  }
  const tier = application.destination?.tier ?? null;
  const province = provinceOf(application);
  if (options.clockStart === 'acceptance') {
    const fixed = application.destination?.dueAt;
    const dueAt =
      fixed ??
      (tier === null
        ? null
        : slaDueAt(application.acceptedAt, tier, options.sla, province).getTime());
    return { status, applies: true, clockStartedAt: application.acceptedAt, dueAt };
  }
  const clockStartedAt = firstEventAt(events, MAIL_ACCEPTANCE_EVENTS);
  const dueAt =
    clockStartedAt === null || tier === null
      ? null
      : slaDueAt(clockStartedAt, tier, options.sla, province).getTime();
  return { status, applies: true, clockStartedAt, dueAt };
}

function provinceOf(application: ClockApplication): string | undefined {
  const code = application.destination?.divisionCode;
  return code && /^\d{2}/.test(code) ? code.slice(0, 2) : undefined;
}
