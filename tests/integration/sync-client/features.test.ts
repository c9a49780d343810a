// The sync client against the real server: refused records (fix and retry, or discard by a
// supervisor), HTTP 426, token refresh, number blocks, media upload, restore without re-push.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  api,
  loginAs,
  startTestServer,
  type Session,
  type TestServer,
} from '../../support/server-app.ts';
import { PROTOCOL_HEADER } from '../../../shared/sync/protocol.ts';
import { parseWaybillNumber } from '../../../shared/validation/waybill.ts';
import { insertApplication } from '../../../renderer/db/applications.ts';
import { ok } from '../../../shared/result.ts';
import { backupNow, base64ToBytes, restoreFrom } from '../../../renderer/db/backup.ts';
import { createNumberPool, httpBlockSource } from '../../../renderer/db/number-pool.ts';
import { createMediaQueue, storeMedia } from '../../../renderer/sync/media-queue.ts';
import { T0, makeApplication } from '../../unit/db/fixtures.ts';
import { randomKey } from '../../../renderer/db/keys.ts';
import { openClient, stopServer, waitFor } from './clients.ts';

let server: TestServer;
let baseUrl: string;

beforeAll(async () => {
  server = await startTestServer({ listen: true });
  baseUrl = server.baseUrl!;
});
afterAll(async () => {
  if (server) await stopServer(server);
});

async function serverDoc(session: Session, collection: string, id: string) {
  const response = await api(
    server,
    { method: 'GET', url: `/sync/${collection}/pull?limit=2000` },
    session,
  );
  const body: { documents: { id: string }[] } = response.json();
  return body.documents.find((d) => d.id === id) ?? null;
}

describe('sync client against the real server', () => {
  it('keeps a refused record as an issue until it is fixed and pushed again', async () => {
    const session = await loginAs(server, { stationId: 'S010' });
    const client = await openClient({
      baseUrl,
      session,
      collections: ['applications', 'conflicts', 'syncIssues', 'auditLog'],
    });
    try {
      const bad = makeApplication({ stationId: 'S010', businessCode: 'NO_SUCH_BUSINESS' });
      const good = makeApplication({ stationId: 'S010' });
      await insertApplication(client.store, bad);
      await insertApplication(client.store, good);
      await waitFor(() => client.status.getState().issues.length === 1);
      const [issue] = client.status.getState().issues;
      expect(issue).toMatchObject({ documentId: bad.id, code: 'BUSINESS_UNKNOWN', state: 'open' });
      expect(issue?.message).toMatch(/业务类型/);
      // The rest of the batch went through.
      await waitFor(async () => (await serverDoc(session, 'applications', good.id)) !== null);
      expect(await serverDoc(session, 'applications', bad.id)).toBeNull();

      // A clerk cannot discard; a wrong fix is refused locally with a reason.
      const clerk = { staffId: 'clerk-1', role: 'clerk', stationId: 'S010' };
      const forbidden = await client.status.getState().discardIssue(issue!.id, clerk, '重复录入');
      expect(!forbidden.ok && forbidden.error.code).toBe('FORBIDDEN');
      const stored = await client.store.db.syncIssues.findOne(issue!.id).exec();
      const refused = JSON.parse(stored!.document) as Record<string, unknown>;
      const stillBad = await client.status.getState().retryIssue(issue!.id, refused);
      expect(!stillBad.ok && stillBad.error.code).toBe('BUSINESS_UNKNOWN');

      const fixed = await client.status
        .getState()
        .retryIssue(issue!.id, { ...refused, businessCode: 'ID_RENEWAL' });
      expect(fixed.ok).toBe(true);
      await waitFor(async () => (await serverDoc(session, 'applications', bad.id)) !== null);
      await waitFor(() => client.status.getState().issues.length === 0);
      expect((await client.store.db.syncIssues.findOne(issue!.id).exec())?.state).toBe('resolved');
    } finally {
      await client.close();
    }
  });

  it('lets a supervisor discard a refused record, audited, never silently', async () => {
    const session = await loginAs(server, { stationId: 'S011', role: 'supervisor' });
    const client = await openClient({
      baseUrl,
      session,
      collections: ['applications', 'conflicts', 'syncIssues', 'auditLog'],
    });
    try {
      const bad = makeApplication({ stationId: 'S011', status: 'teleported' });
      await insertApplication(client.store, bad);
      await waitFor(() => client.status.getState().issues.length === 1);
      const [issue] = client.status.getState().issues;
      const supervisor = { staffId: session.staffId, role: 'supervisor', stationId: 'S011' };
      const discarded = await client.status
        .getState()
        .discardIssue(issue!.id, supervisor, '测试数据，作废');
      expect(discarded.ok).toBe(true);
      await waitFor(() => client.status.getState().issues.length === 0);
      const kept = await client.store.db.syncIssues.findOne(issue!.id).exec();
      expect(kept).toMatchObject({ state: 'discarded', discardedBy: session.staffId });
      const audit = await client.store.db.auditLog
        .find({ selector: { action: 'sync_issue_discard' } })
        .exec();
      expect(audit.map((a) => a.targetId)).toEqual([bad.id]);
      await waitFor(async () => (await serverDoc(session, 'auditLog', audit[0]!.id)) !== null);
    } finally {
      await client.close();
    }
  });

  it('stops with a clear "please upgrade" state on HTTP 426 and sends nothing more', async () => {
    const session = await loginAs(server, { stationId: 'S012' });
    let requests = 0;
    const oldClient: typeof fetch = (input, init) => {
      const headers = new Headers(init?.headers);
      if (headers.has(PROTOCOL_HEADER)) headers.set(PROTOCOL_HEADER, '0'); // an outdated client
      if (String(input).includes('/api/v1/')) requests += 1;
      return fetch(input, { ...init, headers });
    };
    const client = await openClient({
      baseUrl,
      session,
      collections: ['applications', 'conflicts', 'syncIssues'],
      sync: { fetch: oldClient },
    });
    try {
      await insertApplication(client.store, makeApplication({ stationId: 'S012' }));
      await waitFor(() => client.status.getState().state === 'upgrade_required');
      expect(client.status.getState().error?.message).toMatch(/请升级客户端/);
      await new Promise((r) => setTimeout(r, 300));
      const after = requests;
      await new Promise((r) => setTimeout(r, 2_000));
      expect(requests).toBe(after);
      expect(client.status.getState().state).toBe('upgrade_required');
    } finally {
      await client.close();
    }
  });

  it('refreshes an expired access token and carries on', async () => {
    const session = await loginAs(server, { stationId: 'S013' });
    const saved: string[] = [];
    const client = await openClient({
      baseUrl,
      session: { ...session, accessToken: 'expired.or.forged' },
      collections: ['applications', 'conflicts', 'syncIssues'],
      sync: { onTokens: (t) => saved.push(t.refreshToken) },
    });
    try {
      const app = makeApplication({ stationId: 'S013' });
      await insertApplication(client.store, app);
      await waitFor(async () => (await serverDoc(session, 'applications', app.id)) !== null);
      expect(saved.length).toBe(1); // one refresh, shared by every collection's requests
      expect(saved[0]).not.toBe(session.refreshToken);
    } finally {
      await client.close();
    }
  });

  it('takes numbers from a server block offline; the server accepts the waybills', async () => {
    const session = await loginAs(server, { stationId: 'S014' });
    const client = await openClient({
      baseUrl,
      session,
      collections: ['applications', 'waybills', 'numberBlocks', 'conflicts', 'syncIssues'],
    });
    try {
      const pool = createNumberPool({
        store: client.store,
        stationId: 'S014',
        requestBlock: httpBlockSource(client.engine.http),
        isOnline: () => client.engine.connectivity.online,
        threshold: 5,
      });
      expect((await pool.refill()).ok).toBe(true);
      const app = await insertApplication(client.store, makeApplication({ stationId: 'S014' }));
      client.setOffline(true);
      const allocated = await pool.allocateWaybill(app, 'ems100x150');
      expect(allocated.ok && allocated.value.kind).toBe('allocated');
      const waybill =
        allocated.ok && allocated.value.kind === 'allocated' ? allocated.value.waybill : null;
      expect(parseWaybillNumber(waybill!.waybillNo).ok).toBe(true);
      client.setOffline(false);
      await waitFor(async () => (await serverDoc(session, 'waybills', waybill!.id)) !== null);
      expect(client.status.getState().issues).toEqual([]);
    } finally {
      await client.close();
    }
  });

  it('uploads photo bytes content-addressed and marks them uploaded on the hash receipt', async () => {
    const session = await loginAs(server, { stationId: 'S015' });
    const client = await openClient({
      baseUrl,
      session,
      collections: ['media', 'conflicts', 'syncIssues'],
    });
    const queue = createMediaQueue({
      media: client.store.db.media,
      http: client.engine.http,
      connectivity: client.engine.connectivity,
      backoff: { baseMs: 50, maxMs: 500 },
      intervalMs: 200,
    });
    try {
      // A tiny JPEG (SOI, APP0 JFIF, EOI): the server checks magic bytes.
      const jpeg = new Uint8Array([
        0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00,
        0x01, 0x00, 0x01, 0x00, 0x00, 0xff, 0xd9,
      ]);
      const base = {
        stationId: 'S015',
        deviceId: session.deviceId,
        createdAt: T0,
        updatedAt: T0,
        kind: 'portrait' as const,
        mime: 'image/jpeg' as const,
      };
      client.setOffline(true);
      const first = await storeMedia(
        client.store.db.media,
        { ...base, id: '01KE6QVWE0000000000000000A' },
        new Blob([jpeg]),
      );
      const second = await storeMedia(
        client.store.db.media,
        { ...base, id: '01KE6QVWE0000000000000000B' },
        new Blob([jpeg]),
      );
      expect((await queue.flush()).pending).toBe(2); // offline: kept, not uploaded
      client.setOffline(false);
      await waitFor(async () => (await queue.status()).pending === 0);
      for (const doc of [first, second]) {
        const now = await client.store.db.media.findOne(doc.id).exec();
        expect(now?.uploadState).toBe('uploaded');
      }
      const head = await api(server, { method: 'HEAD', url: `/media/${first.sha256}` }, session);
      expect(head.statusCode).toBe(200);
    } finally {
      queue.stop();
      await client.close();
    }
  });

  it('after a restore, already pushed records are not pushed again and sync carries on', async () => {
    const session = await loginAs(server, { stationId: 'S016' });
    const collections = ['applications', 'conflicts', 'syncIssues'] as const;
    const keys = { databaseKey: randomKey(), blindIndexKey: randomKey() };
    const client = await openClient({ baseUrl, session, collections, keys });
    const saved: string[] = [];
    const app = makeApplication({ stationId: 'S016' });
    try {
      await insertApplication(client.store, app);
      await client.engine.awaitInSync();
      const result = await backupNow(client.store, {
        async save(request) {
          saved.push(request.data);
          return ok({ id: 'b1' });
        },
      });
      expect(result.ok).toBe(true);
    } finally {
      await client.close();
    }
    // The same device with its database lost: a fresh one with the same keys, restored
    // before sync starts.
    const pushed: string[] = [];
    const counting: typeof fetch = (input, init) => {
      if (String(input).includes('/push')) pushed.push(String(init?.body ?? ''));
      return fetch(input, init);
    };
    const again = await openClient({
      baseUrl,
      session,
      collections,
      keys,
      sync: { fetch: counting },
      beforeSync: async (store) => {
        const restored = await restoreFrom(store, base64ToBytes(saved[0]!));
        expect(restored.ok && restored.value.documents).toBe(1);
      },
    });
    try {
      await again.engine.awaitInSync();
      expect(pushed.filter((body) => body.includes(app.id))).toEqual([]);
      const doc = await again.store.db.applications.findOne(app.id).exec();
      await doc?.incrementalPatch({ note: '恢复后修改' });
      await waitFor(
        async () =>
          ((await serverDoc(session, 'applications', app.id)) as { note?: string } | null)?.note ===
          '恢复后修改',
      );
      expect(pushed.filter((body) => body.includes(app.id))).toHaveLength(1);
    } finally {
      await again.close();
    }
  });
  it('loses nothing while the network flaps and another device’s writes keep arriving', async () => {
    // A writes through a flapping network while B's writes keep arriving at A by pull (pulled
    // documents move A's upstream checkpoint past whatever A has not pushed yet).
    const sessionA = await loginAs(server, { stationId: 'S017' });
    const sessionB = await loginAs(server, { stationId: 'S017' });
    const collections = ['applications', 'conflicts', 'syncIssues'] as const;
    const a = await openClient({ baseUrl, session: sessionA, collections });
    const b = await openClient({ baseUrl, session: sessionB, collections });
    try {
      const ids: string[] = [];
      let offline = false;
      const flap = setInterval(() => {
        offline = !offline;
        a.setOffline(offline);
      }, 30);
      let writingB = true;
      const bWrites = (async () => {
        while (writingB) {
          await insertApplication(b.store, makeApplication({ stationId: 'S017' }));
          await new Promise((r) => setTimeout(r, 10));
        }
      })();
      try {
        for (let i = 0; i < 80; i += 1) {
          const doc = await insertApplication(a.store, makeApplication({ stationId: 'S017' }));
          ids.push(doc.id);
          await new Promise((r) => setTimeout(r, 5 + (i % 7) * 5));
        }
      } finally {
        clearInterval(flap);
        a.setOffline(false);
        writingB = false;
        await bWrites;
      }
      await waitFor(async () => {
        const response = await api(
          server,
          { method: 'GET', url: '/sync/applications/pull?limit=2000' },
          sessionA,
        );
        const body: { documents: { id: string }[] } = response.json();
        const onServer = new Set(body.documents.map((d) => d.id));
        return ids.every((id) => onServer.has(id));
      }, 30_000);
      await waitFor(() => a.status.getState().totalPending === 0);
    } finally {
      await a.close();
      await b.close();
    }
  });
});
