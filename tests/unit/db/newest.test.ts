// The records list's first page: the newest applications, whatever the spread of their dates.
import { afterEach, describe, expect, it } from 'vitest';
import { insertApplication } from '../../../renderer/db/applications.ts';
import { findNewestApplications } from '../../../renderer/db/lookups.ts';
import { T0, makeApplication, openTestDatabase } from './fixtures.ts';

const DAY = 24 * 60 * 60 * 1000;
const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});

describe('findNewestApplications', () => {
  it('returns the newest first, years back and clock-skewed ones included', async () => {
    const store = await openTestDatabase({
      collections: ['applications', 'waybills', 'conflicts', 'syncIssues'],
    });
    open.push(store);
    const now = T0 + 1000 * DAY;
    // Ages in days, inserted oldest-last so insertion order does not produce the answer.
    const ages = [0.1, 1, 5, 30, 200, 1100, 1200];
    for (const age of ages) {
      const at = now - age * DAY;
      await insertApplication(
        store,
        makeApplication({ createdAt: at, acceptedAt: at, updatedAt: at }),
      );
    }
    const ageOf = (docs: { acceptedAt: number }[]) =>
      docs.map((d) => Math.round(((now - d.acceptedAt) / DAY) * 10) / 10);
    expect(ageOf(await findNewestApplications(store, 2))).toEqual([0.1, 1]);
    expect(ageOf(await findNewestApplications(store, 4))).toEqual([0.1, 1, 5, 30]);
    expect(ageOf(await findNewestApplications(store, 6))).toEqual([0.1, 1, 5, 30, 200, 1100]);
    expect(ageOf(await findNewestApplications(store, 50))).toEqual(ages);
    // A record dated in the future (a skewed clock) still counts as newest.
    const ahead = now + DAY;
    await insertApplication(
      store,
      makeApplication({ createdAt: ahead, acceptedAt: ahead, updatedAt: ahead }),
    );
    expect(ageOf(await findNewestApplications(store, 1))).toEqual([-1]);
  });
});
