// The short chaos run inside `npm test` (the full one: `npm run test:chaos`): 10 client
// processes, a fault proxy, the server SIGKILLed 3 times (once between commit and reply).
import { describe, expect, it } from 'vitest';
import { DEFAULT_FAULTS, chaosLine, chaosPassed, cleanup, runChaos } from './chaos.ts';

describe('chaos', () => {
  it('loses and duplicates nothing and converges', { timeout: 900_000 }, async () => {
    const result = await runChaos({
      clients: 10,
      writesPerClient: 6,
      seed: 20260105,
      kills: 3,
      faults: DEFAULT_FAULTS,
      offlineChance: 0.08,
      maxPauseMs: 40,
      convergeTimeoutMs: 240_000,
    });
    const line = chaosLine(result);
    process.stdout.write(`${line}\n`);
    expect(line).toMatch(/^chaos: \d+ writes, \d+ lost, \d+ duplicated, converged in [\d.]+ s$/);
    expect(result.differences).toEqual([]);
    expect(result.lost).toBe(0);
    expect(result.duplicated).toBe(0);
    expect(result.kills).toBeGreaterThanOrEqual(3);
    expect(result.killsAfterCommit).toBeGreaterThanOrEqual(1);
    expect(result.clockSkewedClients).toBeGreaterThan(0);
    expect(result.writes).toBeGreaterThan(40);
    expect(chaosPassed(result)).toBe(true);
    await cleanup(result);
  });
});
