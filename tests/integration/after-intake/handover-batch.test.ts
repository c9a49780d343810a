// Done-when, end to end against real parts: 50 items scanned into a finished run with one
// wrong document blocked (错证), the batch sealed, its manifest printed to a virtual TCP
// printer (and its QR read back with zbarimg), the batch and its events pushed to a real
// server, pulled by the mail centre's device, received there item by item and confirmed —
// and the sender sees the confirmation and the events on the server.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { monotonicFactory } from 'ulid';
import { createPrintService, type PrintService } from '../../../electron/printing/service.ts';
import {
  batchDifferences,
  buildApplicationsIndex,
  confirmReceipt,
  createBatch,
  manifestData,
  parseManifestScan,
  receiveScan,
  scanItem,
  sealBatch,
  sealEvents,
  type PendingScan,
} from '../../../shared/handover/index.ts';
import { unwrap, type WaypostError } from '../../../shared/result.ts';
import type { ApplicationDoc, BatchDoc } from '../../../shared/sync/collections.ts';
import { addStation } from '../../../server/admin/commands.ts';
import { zbarRead } from '../../support/printer-zbar.ts';
import { databaseKinds } from '../../support/server-db.ts';
import {
  api,
  inserts,
  loginAs,
  pushDocs,
  startTestServer,
  type Session,
  type TestServer,
} from '../../support/server-app.ts';
import { VirtualPrinter } from '../../support/virtual-printer.ts';
import { application } from '../../unit/after-intake/fixtures.ts';
import { pullUntil, type PulledDocs } from './pull-until.ts';

const ulid = monotonicFactory();
const T = Date.parse('2026-11-20T16:30:00+08:00');

for (const kind of databaseKinds()) {
  describe(`handover batch of 50, end to end (${kind})`, () => {
    let server: TestServer;
    let sender: Session;
    let centre: Session;
    let printer: VirtualPrinter;
    let print: PrintService;
    let apps: ApplicationDoc[];
    const dataDir = mkdtempSync(path.join(tmpdir(), 'waypost-handover-'));

    beforeAll(async () => {
      server = await startTestServer({ kind });
      unwrap(
        await addStation(server.db, {
          code: 'S001',
          name: '小店邮政所',
          division: '140105',
          kind: 'outlet',
        }),
      );
      unwrap(
        await addStation(server.db, {
          code: 'C001',
          name: '太原邮件处理中心',
          division: '140106',
          kind: 'centre',
        }),
      );
      sender = await loginAs(server, { stationId: 'S001' });
      centre = await loginAs(server, { stationId: 'C001' });
      apps = Array.from({ length: 50 }, (_, i) => ({
        ...application({
          n: 500 + i,
          stationId: 'S001',
          acceptedAt: T - 3 * 86_400_000,
          status: 'produced',
        }),
        deviceId: sender.deviceId,
      }));
      const pushed = await pushDocs(
        server,
        sender,
        'applications',
        inserts(apps.map((a) => ({ ...a, _deleted: false }))),
      );
      expect(pushed.rejected).toEqual([]);
      printer = await VirtualPrinter.start({ protocol: 'escpos' });
      print = createPrintService({ dataDir, timeouts: { ackMs: 5000 } });
      unwrap(
        await print.savePrinter({
          id: 'p80',
          name: '小票机',
          uri: printer.uri,
          driver: 'escpos',
          dpi: 203,
          widthMm: 80,
          labelKinds: ['manifest80', 'receipt80', 'slip80'],
        }),
      );
    });

    afterAll(async () => {
      await print?.close();
      await printer?.close();
      await server?.close();
    });

    it('scans, blocks the wrong document, seals, prints, syncs, is received and confirmed', async () => {
      // --- The sending outlet: 50 document + waybill pairs; document 17 meets waybill 18 first.
      const index = buildApplicationsIndex(apps);
      let batch: BatchDoc = createBatch({
        id: ulid(T),
        stationId: 'S001',
        deviceId: sender.deviceId,
        kind: 'finished_run',
        createdBy: sender.staffId,
        toStationId: 'C001',
        now: T,
      });
      let pending: PendingScan | null = null;
      const errors: WaypostError[] = [];
      let at = T;
      const scan = (code: string) => {
        const step = scanItem(batch, code, index, { pending, now: (at += 1500) });
        batch = step.batch;
        pending = step.pending;
        if (!step.outcome.ok) errors.push(step.outcome.error);
      };
      apps.forEach((app, i) => {
        if (i === 16) scan(apps[17]!.waybillNo!);
        else scan(app.waybillNo!);
        scan(app.acceptanceNo);
      });
      expect(errors.map((e) => e.code)).toEqual(['HANDOVER_MISMATCH']);
      expect(errors[0]!.message).toContain('错证');
      expect(batch.items).toHaveLength(49);
      expect(batch.items.some((item) => item.applicationId === apps[16]!.id)).toBe(false);
      // The clerk takes document 17 out, finds its own waybill and scans the pair again.
      scan(apps[16]!.acceptanceNo);
      scan(apps[16]!.waybillNo!);
      expect(errors).toHaveLength(1);
      expect(batch.items).toHaveLength(50);

      const sealed = unwrap(
        sealBatch(batch, { now: (at += 60_000), pendingPair: pending !== null }),
      );
      const events = sealEvents(sealed, {
        newId: () => ulid(at),
        stationId: 'S001',
        deviceId: sender.deviceId,
        staffId: sender.staffId,
        now: at,
      });
      expect(events).toHaveLength(50);

      // --- The manifest on the 80 mm printer; its QR carries the batch number.
      const receipt = unwrap(
        await print.printLabel({
          labelKey: `manifest:${sealed.batchNo}`,
          printerId: 'p80',
          label: {
            kind: 'manifest80',
            manifest: manifestData(sealed, {
              stationName: '小店邮政所',
              destinationName: '太原邮件处理中心',
              handedOverBy: '测试员',
              businessNameOf: () => '居民身份证换领',
            }),
          },
        }),
      );
      expect(receipt.confirmation).toBe('acknowledged');
      expect(printer.labels).toHaveLength(1);
      const qr = zbarRead(printer.savePngs(path.join(dataDir, 'png'), 'manifest'), 'qrcode');
      expect(qr).toEqual([`WPB1:${sealed.batchNo}`]);

      // --- Both reach the server.
      expect(
        (await pushDocs(server, sender, 'batches', inserts([{ ...sealed, _deleted: false }])))
          .rejected,
      ).toEqual([]);
      expect(
        (
          await pushDocs(
            server,
            sender,
            'events',
            inserts(events.map((e) => ({ ...e, _deleted: false }))),
          )
        ).rejected,
      ).toEqual([]);

      // --- The mail centre's device pulls the batch addressed to it and opens it by the QR.
      const batchNo = parseManifestScan(qr[0]!);
      const incoming = await pullUntil(server, centre, 'batches', (d) =>
        d.some((x) => x.batchNo === batchNo),
      );
      const master = incoming.find((d) => d.batchNo === batchNo);
      expect(master).toBeDefined();
      const { _deleted: _ignored, ...fields } = master!;
      let arriving = fields as unknown as BatchDoc;
      expect(arriving.status).toBe('sealed');
      await pullUntil(
        server,
        centre,
        'events',
        (d) => d.filter((e) => e.batchId === sealed.id).length === 50,
      );

      for (const app of apps) {
        const step = receiveScan(arriving, app.waybillNo!, { now: (at += 1000) });
        expect(step.outcome).toMatchObject({ ok: true, value: { kind: 'received' } });
        arriving = step.batch;
      }
      expect(batchDifferences(arriving)).toMatchObject({
        sent: 50,
        received: 50,
        missing: [],
        unexpected: [],
      });
      const confirmed = unwrap(
        confirmReceipt(arriving, { staffId: centre.staffId, now: (at += 1000) }),
      );
      const update = await pushDocs(server, centre, 'batches', [
        { assumedMasterState: master!, newDocumentState: { ...confirmed, _deleted: false } },
      ]);
      expect(update).toMatchObject({ conflicts: [], rejected: [] });

      // --- The sender sees the confirmation; the events are on the server for the timeline.
      const pulledBack = await pullUntil(server, sender, 'batches', (d) =>
        d.some((x) => x.id === sealed.id && x.status === 'received'),
      );
      const back = pulledBack.find((d) => d.id === sealed.id);
      expect(back).toMatchObject({ status: 'received', receivedBy: centre.staffId });
      expect((back!.receivedItems as unknown[]).length).toBe(50);
      const ofBatch = (d: PulledDocs) => d.filter((e) => e.batchId === sealed.id);
      const onServer = ofBatch(
        await pullUntil(server, sender, 'events', (d) => ofBatch(d).length === 50),
      );
      expect(onServer.map((e) => e.type)).toEqual(Array(50).fill('packed'));
      const track = await api(server, {
        method: 'GET',
        url: `/track?acceptanceNo=${apps[0]!.acceptanceNo}&birthDate=19900307`,
      });
      expect(track.statusCode).toBe(200);
      expect(track.json().events.map((e: { type: string }) => e.type)).toContain('packed');
    });
  });
}
