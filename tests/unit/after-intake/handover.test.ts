import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  batchDifferences,
  batchTransition,
  buildApplicationsIndex,
  closeBatch,
  confirmReceipt,
  createBatch,
  itemsAsApplications,
  makeBatchNo,
  manifestData,
  parseManifestScan,
  receiptEvents,
  receiveScan,
  scanItem,
  sealBatch,
  sealEvents,
  type PendingScan,
  type ScanStep,
} from '../../../shared/handover/index.ts';
import { statusAfterEvents, type StatusEventType } from '../../../shared/lifecycle/index.ts';
import type { BatchDoc } from '../../../shared/sync/collections.ts';
import { application, idFactory, T0, waybillNo } from './fixtures.ts';

const newId = idFactory();
const open = (kind: BatchDoc['kind'] = 'finished_run') =>
  createBatch({
    id: newId(),
    stationId: 'S001',
    deviceId: 'D1',
    kind,
    createdBy: 'clerk1',
    toStationId: 'C001',
    now: T0,
  });

function run(batch: BatchDoc, codes: string[], index: ReturnType<typeof buildApplicationsIndex>) {
  let step: ScanStep = {
    batch,
    pending: null,
    outcome: { ok: true, value: { kind: 'duplicate', item: batch.items[0]! } },
  };
  const outcomes: ScanStep['outcome'][] = [];
  let now = T0;
  for (const code of codes) {
    step = scanItem(step.batch, code, index, { pending: step.pending, now: (now += 1000) });
    outcomes.push(step.outcome);
  }
  return { step, outcomes };
}

const errCode = (o: ScanStep['outcome']) => (o.ok ? o.value.kind : o.error.code);

describe('batches', () => {
  it('numbers a batch by kind, Beijing date and the ULID random tail', () => {
    const id = '01K6DJ0000ABCDEFGH7K3Q9Z00';
    expect(makeBatchNo('finished_run', id, Date.parse('2026-09-30T20:00:00Z'))).toBe(
      'F261001-3Q9Z00',
    );
    expect(open('materials_run').batchNo).toMatch(/^M260930-[0-9A-Z]{6}$/);
  });

  it('moves open → sealed → received → closed and never back', () => {
    expect(batchTransition('open', 'sealed').ok).toBe(true);
    expect(batchTransition('sealed', 'open')).toMatchObject({
      ok: false,
      error: { code: 'BATCH_TRANSITION' },
    });
    expect(batchTransition('open', 'received').ok).toBe(false);
    expect(batchTransition('closed', 'open').ok).toBe(false);
  });

  it('refuses to seal an empty batch, a half-scanned pair, or twice', () => {
    const batch = open();
    expect(sealBatch(batch, { now: T0 })).toMatchObject({
      ok: false,
      error: { code: 'BATCH_EMPTY' },
    });
    const app = application({ n: 1 });
    const index = buildApplicationsIndex([app]);
    const { step } = run(batch, [app.waybillNo!, app.acceptanceNo], index);
    expect(sealBatch(step.batch, { now: T0, pendingPair: true })).toMatchObject({
      ok: false,
      error: { code: 'BATCH_PAIR_PENDING' },
    });
    const sealed = sealBatch(step.batch, { now: T0 + 5 });
    expect(sealed).toMatchObject({ ok: true, value: { status: 'sealed', sealedAt: T0 + 5 } });
    if (!sealed.ok) return;
    expect(sealBatch(sealed.value, { now: T0 }).ok).toBe(false);
    expect(scanItem(sealed.value, app.waybillNo!, index, { now: T0 }).outcome).toMatchObject({
      ok: false,
      error: { code: 'BATCH_NOT_OPEN' },
    });
  });
});

describe('scanItem: document against waybill (错证)', () => {
  const apps = Array.from({ length: 50 }, (_, i) => application({ n: i + 1 }));
  const index = buildApplicationsIndex(apps);

  it('takes 50 pairs and blocks the one wrong document among them', () => {
    const codes: string[] = [];
    apps.forEach((app, i) => {
      // Item 17: the document of applicant 17 was packed with applicant 18's waybill.
      if (i === 16) codes.push(apps[17]!.waybillNo!, app.acceptanceNo);
      else if (i % 2 === 0) codes.push(app.waybillNo!, app.acceptanceNo);
      else codes.push(app.acceptanceNo, app.waybillNo!);
    });
    const { step, outcomes } = run(open(), codes, index);
    const errors = outcomes.filter((o) => !o.ok);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ ok: false, error: { code: 'HANDOVER_MISMATCH' } });
    if (!errors[0]!.ok) {
      expect(errors[0]!.error.message).toContain('错证');
      expect(errors[0]!.error.message).toContain(apps[16]!.acceptanceNo);
      expect(errors[0]!.error.message).toContain(apps[17]!.waybillNo);
    }
    // Document 17 is set aside; applicant 18's pair is scanned properly next and goes in.
    expect(step.batch.items).toHaveLength(49);
    expect(step.batch.items.map((i) => i.applicationId)).not.toContain(apps[16]!.id);
    expect(step.pending).toBeNull();
    expect(step.batch.items[0]).toMatchObject({
      applicationId: apps[0]!.id,
      acceptanceNo: apps[0]!.acceptanceNo,
      waybillNo: apps[0]!.waybillNo,
      sortCode: '140105',
    });
  });

  it('notices a duplicate scan and leaves the batch unchanged', () => {
    const app = apps[0]!;
    const { step, outcomes } = run(
      open(),
      [app.waybillNo!, app.acceptanceNo, app.waybillNo!, app.acceptanceNo],
      index,
    );
    expect(outcomes.map(errCode)).toEqual(['awaiting_pair', 'added', 'duplicate', 'duplicate']);
    expect(step.batch.items).toHaveLength(1);
  });

  it('asks for the other half when two halves of the same kind come in a row', () => {
    const [a, b] = [apps[0]!, apps[1]!];
    const { step, outcomes } = run(
      open(),
      [a.waybillNo!, a.waybillNo!, b.waybillNo!, a.acceptanceNo],
      index,
    );
    expect(outcomes.map(errCode)).toEqual([
      'awaiting_pair',
      'awaiting_pair',
      'HANDOVER_PAIR_EXPECTED',
      'added',
    ]);
    expect(step.batch.items.map((i) => i.applicationId)).toEqual([a.id]);
  });

  it('accepts codes as scanners type them: lower case, full-width, receipt QR', () => {
    const app = apps[2]!;
    const fullWidth = app
      .waybillNo!.toLowerCase()
      .replace(/[0-9]/g, (d) => String.fromCharCode(0xff10 + Number(d)));
    const { outcomes } = run(open(), [fullWidth, `WP1:${app.acceptanceNo}`], index);
    expect(outcomes.map(errCode)).toEqual(['awaiting_pair', 'added']);
  });

  it('blocks unknown codes, voided waybills, closed items and mailed items without a waybill', () => {
    const cancelled = application({ n: 90, status: 'cancelled' });
    const noLabel = application({ n: 91, withWaybill: false });
    const voided = waybillNo(999);
    const idx = buildApplicationsIndex(
      [...apps, cancelled, noLabel],
      [{ waybillNo: voided, state: 'voided', applicationId: apps[0]!.id }],
    );
    const { outcomes } = run(
      open(),
      ['NOPE123', voided, cancelled.acceptanceNo, noLabel.acceptanceNo],
      idx,
    );
    expect(outcomes.map(errCode)).toEqual([
      'HANDOVER_UNKNOWN_CODE',
      'HANDOVER_WAYBILL_VOIDED',
      'HANDOVER_ITEM_CLOSED',
      'HANDOVER_NO_WAYBILL',
    ]);
  });

  it('takes a collected item on its document alone, and single scans in materials runs and dispatch', () => {
    const collected = application({ n: 60, method: 'collect', collectPointCode: 'PS140106' });
    const idx = buildApplicationsIndex([...apps, collected]);
    expect(run(open(), [collected.acceptanceNo], idx).step.batch.items[0]).toMatchObject({
      sortCode: 'PS140106',
    });
    expect(run(open('materials_run'), [apps[0]!.acceptanceNo], idx).outcomes.map(errCode)).toEqual([
      'added',
    ]);
    expect(run(open('dispatch'), [apps[0]!.waybillNo!], idx).outcomes.map(errCode)).toEqual([
      'added',
    ]);
  });

  it('never puts a document in the batch with a waybill that is not its own (property)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({ app: fc.integer({ min: 0, max: 9 }), half: fc.constantFrom('w', 'a') }),
          { maxLength: 40 },
        ),
        (scans) => {
          const few = apps.slice(0, 10);
          let batch = open();
          let pending: PendingScan | null = null;
          let now = T0;
          for (const s of scans) {
            const app = few[s.app]!;
            const step = scanItem(
              batch,
              s.half === 'w' ? app.waybillNo! : app.acceptanceNo,
              index,
              { pending, now: ++now },
            );
            if (step.outcome.ok && step.outcome.value.kind === 'added') {
              // Added only as the other half of the SAME application's pending half.
              expect(pending).not.toBeNull();
              expect(pending!.applicationId).toBe(app.id);
              expect(pending!.half).toBe(s.half === 'w' ? 'acceptance' : 'waybill');
            }
            batch = step.batch;
            pending = step.pending;
          }
          const ids = batch.items.map((i) => i.applicationId);
          expect(new Set(ids).size).toBe(ids.length);
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe('receiving side', () => {
  const apps = Array.from({ length: 5 }, (_, i) => application({ n: 200 + i }));
  const index = buildApplicationsIndex(apps);

  function sealedOf(kind: BatchDoc['kind'], count: number): BatchDoc {
    const codes = apps
      .slice(0, count)
      .flatMap((a) =>
        kind === 'finished_run' ? [a.waybillNo!, a.acceptanceNo] : [a.acceptanceNo],
      );
    const sealed = sealBatch(run(open(kind), codes, index).step.batch, { now: T0 + 60_000 });
    if (!sealed.ok) throw new Error('seal');
    return sealed.value;
  }

  it('confirms what arrived and lists missing and unexpected items', () => {
    let batch = sealedOf('finished_run', 4);
    const scans = [
      apps[0]!.waybillNo!,
      apps[1]!.acceptanceNo,
      apps[0]!.waybillNo!,
      apps[4]!.waybillNo!,
      'EA999999995CN',
      apps[2]!.waybillNo!,
    ];
    const kinds: string[] = [];
    for (const code of scans) {
      const step = receiveScan(batch, code, { now: T0 + 3_600_000, index });
      kinds.push(step.outcome.ok ? step.outcome.value.kind : step.outcome.error.code);
      batch = step.batch;
    }
    expect(kinds).toEqual([
      'received',
      'received',
      'duplicate',
      'unexpected',
      'unexpected',
      'received',
    ]);
    const diff = batchDifferences(batch);
    expect(diff.sent).toBe(4);
    expect(diff.received).toBe(3);
    expect(diff.missing.map((i) => i.applicationId)).toEqual([apps[3]!.id]);
    expect(diff.unexpected.map((i) => i.applicationId)).toEqual([apps[4]!.id, '']);
    expect(diff.unexpected[1]).toMatchObject({ waybillNo: 'EA999999995CN' });

    const received = confirmReceipt(batch, { staffId: 'centre1', now: T0 + 4_000_000 });
    expect(received).toMatchObject({
      ok: true,
      value: { status: 'received', receivedBy: 'centre1' },
    });
    if (!received.ok) return;
    expect(receiveScan(received.value, apps[3]!.waybillNo!, { now: T0 }).outcome.ok).toBe(false);
    expect(closeBatch(received.value, { now: T0 + 5_000_000 })).toMatchObject({
      ok: true,
      value: { status: 'closed' },
    });
  });

  it('cannot receive a batch that is still open', () => {
    expect(receiveScan(open(), 'X', { now: T0 }).outcome).toMatchObject({
      ok: false,
      error: { code: 'BATCH_NOT_SEALED' },
    });
    expect(confirmReceipt(open(), { staffId: 's', now: T0 }).ok).toBe(false);
  });

  it('records the seal and receipt events each kind calls for, which move the status', () => {
    const ctx = { newId, deviceId: 'D1', staffId: 'clerk1', now: T0 + 1 };
    const finished = sealedOf('finished_run', 3);
    const sealed = sealEvents(finished, { ...ctx, stationId: 'S001' });
    expect(sealed).toHaveLength(3);
    expect(sealed[0]).toMatchObject({
      type: 'packed',
      batchId: finished.id,
      stationId: 'S001',
      toStationId: 'C001',
    });
    expect(receiptEvents(finished, { ...ctx, stationId: 'C001' })).toEqual([]);

    let materials = sealedOf('materials_run', 3);
    expect(sealEvents(materials, { ...ctx, stationId: 'S001' })).toEqual([]);
    materials = receiveScan(materials, apps[0]!.acceptanceNo, { now: T0 + 2 }).batch;
    materials = receiveScan(materials, apps[2]!.acceptanceNo, { now: T0 + 3 }).batch;
    const receipt = receiptEvents(materials, { ...ctx, stationId: 'V001' });
    expect(receipt.map((e) => [e.applicationId, e.type, e.stationId, e.toStationId])).toEqual([
      [apps[0]!.id, 'materials_handed_over', 'V001', 'S001'],
      [apps[2]!.id, 'materials_handed_over', 'V001', 'S001'],
    ]);
    const folded = statusAfterEvents(
      receipt.map((e) => ({ id: e.id, type: e.type as StatusEventType, occurredAt: e.at })),
    );
    expect(folded).toBe('materials_handed_over');
  });

  it('builds the manifest with the batch number for its QR, and reads the QR back', () => {
    const batch = sealedOf('finished_run', 2);
    const data = manifestData(batch, {
      stationName: '小店邮政所',
      businessNameOf: () => '居民身份证换领',
    });
    expect(data).toMatchObject({
      batchId: batch.batchNo,
      destination: '邮件处理中心',
      createdAt: batch.sealedAt,
    });
    expect(data.items.map((i) => i.waybillNo)).toEqual([apps[0]!.waybillNo, apps[1]!.waybillNo]);
    expect(parseManifestScan(`WPB1:${batch.batchNo.toLowerCase()}`)).toBe(batch.batchNo);
    expect(parseManifestScan(apps[0]!.waybillNo!)).toBeNull();
  });

  it('lets a mail centre dispatch items it knows only from received batches', () => {
    const batch = sealedOf('finished_run', 2);
    const centreIndex = buildApplicationsIndex(itemsAsApplications([batch]));
    const d = run(open('dispatch'), [apps[1]!.waybillNo!, apps[0]!.acceptanceNo], centreIndex);
    expect(d.outcomes.map(errCode)).toEqual(['added', 'added']);
    expect(d.step.batch.items[0]).toMatchObject({ sortCode: '140105' });
  });
});
