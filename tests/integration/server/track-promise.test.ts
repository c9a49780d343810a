// The public track endpoint and the promise screens read one delivery clock
// (shared/promises/clock.ts): the same due time for the same item, before and after the post
// takes it in, with the province's hours from the server's SLA configuration.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setSlaConfig } from '../../../server/settings/sla.ts';
import { deliveryPromise } from '../../../shared/promises/index.ts';
import { unwrap } from '../../../shared/result.ts';
import {
  ensureStation,
  inserts,
  loginAs,
  pushDocs,
  startTestServer,
  type Session,
  type TestServer,
} from '../../support/server-app.ts';
import { databaseKinds } from '../../support/server-db.ts';
import { applicationDoc, eventDoc } from '../../support/server-docs.ts';

const HOUR = 3_600_000;
const ACCEPTED_AT = 1_767_225_600_000; // 2026-01-01 08:00 Beijing
const PACKED_AT = ACCEPTED_AT + 96 * HOUR; // four days of production later

describe.each(databaseKinds())('track due time and the promise clock on %s', (kind) => {
  let server: TestServer;
  let session: Session;
  beforeAll(async () => {
    server = await startTestServer({ kind });
    await ensureStation(server.db, 'S1', '140106');
    session = await loginAs(server, { stationId: 'S1' });
  });
  afterAll(async () => server.close());

  const track = async (acceptanceNo: string): Promise<number | null> => {
    const response = await server.app.inject({
      method: 'GET',
      url: `/api/v1/track?acceptanceNo=${acceptanceNo}&birthDate=19900307`,
    });
    expect(response.statusCode).toBe(200);
    const body: { dueAt: number | null } = response.json();
    return body.dueAt;
  };

  it('agrees with deliveryPromise: no due time in production, mail acceptance + tier hours after', async () => {
    const app = applicationDoc('S1', {
      acceptedAt: ACCEPTED_AT,
      // Fixed at intake from window acceptance; the clock does not start there.
      destination: {
        divisionCode: '140106',
        tier: 'capital',
        sortCode: '140106',
        dueAt: ACCEPTED_AT + 12 * HOUR,
      },
    });
    await pushDocs(server, session, 'applications', inserts([app]));
    const events = [eventDoc('S1', app.id, { type: 'accepted', at: ACCEPTED_AT })];
    await pushDocs(server, session, 'events', inserts(events));
    const promiseDue = () => deliveryPromise(app, events, { now: PACKED_AT + HOUR }).dueAt;

    expect(promiseDue()).toBeNull();
    expect(await track(app.acceptanceNo)).toBeNull();

    const packed = eventDoc('S1', app.id, { type: 'packed', at: PACKED_AT });
    events.push(packed);
    await pushDocs(server, session, 'events', inserts([packed]));
    expect(promiseDue()).toBe(PACKED_AT + 12 * HOUR);
    expect(await track(app.acceptanceNo)).toBe(promiseDue());

    // A province's own hours, configured centrally, move both answers alike.
    const sla = unwrap(await setSlaConfig(server.db, { provinces: { '14': { capital: 10 } } }));
    expect(await track(app.acceptanceNo)).toBe(PACKED_AT + 10 * HOUR);
    expect(deliveryPromise(app, events, { now: PACKED_AT, sla }).dueAt).toBe(PACKED_AT + 10 * HOUR);
  });
});
