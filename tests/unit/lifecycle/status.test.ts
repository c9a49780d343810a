import { describe, expect, it } from 'vitest';
import {
  APPLICATION_STATUSES,
  STATUS_LABELS,
  TERMINAL_STATUSES,
  allowedTransitions,
  canTransition,
  isApplicationStatus,
  isTerminal,
  laterStatus,
  statusRank,
  transition,
  type ApplicationStatus,
} from '../../../shared/lifecycle/index.ts';

describe('application statuses', () => {
  it('has Chinese and English labels for every status', () => {
    for (const s of APPLICATION_STATUSES) {
      expect(STATUS_LABELS[s].zh).toMatch(/[\u4e00-\u9fff]/);
      expect(STATUS_LABELS[s].en.length).toBeGreaterThan(0);
    }
  });

  it('ranks statuses in a total order with terminals highest and exception just below them', () => {
    const ranks = APPLICATION_STATUSES.map(statusRank);
    expect(new Set(ranks).size).toBe(ranks.length);
    const maxLive = Math.max(
      ...APPLICATION_STATUSES.filter((s) => !isTerminal(s) && s !== 'exception').map(statusRank),
    );
    const minTerminal = Math.min(...TERMINAL_STATUSES.map(statusRank));
    expect(statusRank('exception')).toBeGreaterThan(maxLive);
    expect(statusRank('exception')).toBeLessThan(minTerminal);
    expect(statusRank('accepted')).toBeLessThan(statusRank('packed'));
    expect(statusRank('packed')).toBeLessThan(statusRank('dispatched'));
    expect(statusRank('delivered')).toBe(Math.max(...ranks));
  });

  it('knows the terminal statuses and allows nothing out of them', () => {
    expect(TERMINAL_STATUSES).toEqual(['cancelled', 'returned', 'collected', 'delivered']);
    for (const s of TERMINAL_STATUSES) {
      expect(isTerminal(s)).toBe(true);
      expect(allowedTransitions(s)).toEqual([]);
    }
    expect(isTerminal('exception')).toBe(false);
  });

  it('only moves forward in rank, except a re-attempt and leaving an exception', () => {
    for (const from of APPLICATION_STATUSES) {
      for (const to of allowedTransitions(from)) {
        const recovery =
          (from === 'failed_attempt' && to === 'out_for_delivery') || from === 'exception';
        if (!recovery) expect(statusRank(to), `${from} → ${to}`).toBeGreaterThan(statusRank(from));
      }
    }
  });

  it('follows the field flows', () => {
    const walk = (...path: ApplicationStatus[]) => {
      for (let i = 1; i < path.length; i++) {
        const from = path[i - 1] ?? 'accepted';
        const to = path[i] ?? 'accepted';
        expect(canTransition(from, to), `${from} → ${to}`).toBe(true);
      }
    };
    // ID card mailed home, one failed attempt.
    walk(
      'accepted',
      'materials_handed_over',
      'in_production',
      'produced',
      'packed',
      'dispatched',
      'out_for_delivery',
      'failed_attempt',
      'out_for_delivery',
      'delivered',
    );
    // Collected at a police station.
    walk('accepted', 'produced', 'packed', 'dispatched', 'awaiting_collection', 'collected');
    // Violation notice: nothing to produce.
    walk('accepted', 'packed', 'dispatched', 'delivered');
    // 错证 at packing: exception, back to produced, packed again.
    walk('accepted', 'produced', 'exception', 'produced', 'packed', 'dispatched', 'returned');
    // Any live status may raise an exception.
    for (const s of APPLICATION_STATUSES) {
      expect(canTransition(s, 'exception')).toBe(!isTerminal(s) && s !== 'exception');
    }
  });

  it('refuses backwards and out-of-terminal moves with Chinese errors', () => {
    const back = transition('dispatched', 'packed');
    expect(back.ok).toBe(false);
    if (!back.ok) {
      expect(back.error.code).toBe('STATUS_TRANSITION');
      expect(back.error.message).toBe('不能从“已寄出”变更为“已封装”');
    }
    const done = transition('delivered', 'exception');
    expect(done.ok).toBe(false);
    if (!done.ok) {
      expect(done.error.code).toBe('STATUS_TERMINAL');
      expect(done.error.message).toBe('该业务已办结（已妥投），不能再变更为“异常”');
    }
    expect(transition('packed', 'dispatched')).toEqual({ ok: true, value: 'dispatched' });
    expect(canTransition('dispatched', 'cancelled')).toBe(false);
  });

  it('settles two snapshots by rank', () => {
    expect(laterStatus('packed', 'dispatched')).toBe('dispatched');
    expect(laterStatus('delivered', 'exception')).toBe('delivered');
    expect(laterStatus('exception', 'out_for_delivery')).toBe('exception');
    expect(isApplicationStatus('packed')).toBe(true);
    expect(isApplicationStatus('constructor')).toBe(false);
  });
});
