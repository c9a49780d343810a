// The sending side: pick or open a batch, scan items in (document + waybill pairs on the
// finished run), seal, print the manifest.
import {
  App,
  Alert,
  Button,
  Card,
  Empty,
  Form,
  Input,
  List,
  Select,
  Space,
  Tag,
  Typography,
} from 'antd';
import { PrinterOutlined, LockOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { useCallback, useEffect, useRef, useState } from 'react';
import {
  BATCH_KINDS,
  BATCH_KIND_LIST,
  BATCH_STATUS_LABELS,
  scanItem,
  type ApplicationsIndex,
  type BatchKind,
  type PendingScan,
} from '../../../../shared/handover/index.ts';
import type { BatchDoc } from '../../../../shared/sync/collections.ts';
import { useSession } from '../../../stores/session.ts';
import { now } from '../data/context.ts';
import {
  listBatches,
  loadApplicationsIndex,
  newBatch,
  printBatchManifest,
  saveBatch,
  sealAndRecord,
} from '../data/batches.ts';
import { fmt, useAfterIntakeText } from '../i18n/index.ts';
import type { Feedback } from '../common/feedback.ts';
import { ScanBox } from '../common/ScanBox.tsx';
import { time } from '../common/format.ts';
import { ItemsTable } from './ItemsTable.tsx';
import { LastScanLine, type LastScan } from './LastScanLine.tsx';
import { useBlockingError } from './useBlockingError.ts';

export function SendPanel() {
  const { m, pick, lang } = useAfterIntakeText();
  const { message, modal } = App.useApp();
  const session = useSession((s) => s.session);
  const [batches, setBatches] = useState<BatchDoc[]>([]);
  const [batch, setBatch] = useState<BatchDoc | null>(null);
  const [pending, setPending] = useState<PendingScan | null>(null);
  const [lastScan, setLastScan] = useState<LastScan | null>(null);
  // The reducer's state, read by queued scans before React has re-rendered.
  const live = useRef<{ batch: BatchDoc | null; pending: PendingScan | null }>({
    batch: null,
    pending: null,
  });
  const apply = (next: BatchDoc | null, half: PendingScan | null) => {
    live.current = { batch: next, pending: half };
    setBatch(next);
    setPending(half);
  };
  const [index, setIndex] = useState<ApplicationsIndex | null>(null);
  const [kind, setKind] = useState<BatchKind>('finished_run');
  const [toStation, setToStation] = useState('');
  const [busy, setBusy] = useState(false);
  const { blocked, show } = useBlockingError();

  const refresh = useCallback(async () => {
    if (!session) return;
    const [list, idx] = await Promise.all([listBatches(), loadApplicationsIndex(session)]);
    setBatches(list.filter((b) => b.stationId === session.stationId));
    setIndex(idx);
  }, [session]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  if (!session) return null;

  const create = async () => {
    void refresh();
    const created = await newBatch(kind, session, toStation);
    apply(created, null);
    setLastScan(null);
    setBatches((list) => [created, ...list]);
  };

  const onScan = async (code: string): Promise<Feedback> => {
    const current = live.current.batch;
    if (!current || !index) return 'error';
    const step = scanItem(current, code, index, { pending: live.current.pending, now: now() });
    apply(step.batch, step.pending);
    if (step.batch !== current) {
      await saveBatch(step.batch);
      setBatches((list) => list.map((b) => (b.id === step.batch.id ? step.batch : b)));
    }
    if (!step.outcome.ok) {
      setLastScan({ tone: 'danger', text: `${code} · ${step.outcome.error.code}` });
      show(step.outcome.error);
      return 'error';
    }
    const outcome = step.outcome.value;
    if (outcome.kind === 'duplicate') {
      setLastScan({
        tone: 'warning',
        text: fmt(m.handover.duplicate, { acceptanceNo: outcome.item.acceptanceNo }),
      });
      return 'notice';
    }
    if (outcome.kind === 'added') {
      setLastScan({
        tone: 'success',
        text: fmt(m.handover.added, { acceptanceNo: outcome.item.acceptanceNo }),
      });
    }
    return 'ok';
  };

  const print = async (current: BatchDoc, reprintReason?: string) => {
    if (!index) return;
    const printed = await printBatchManifest(current, session, index, reprintReason);
    if (printed.ok) void message.success(m.handover.manifestPrinted);
    else
      void message.error(
        `${lang === 'en' ? printed.error.messageEn : printed.error.message}（${printed.error.code}）`,
      );
  };

  const seal = (current: BatchDoc) => {
    modal.confirm({
      title: m.handover.seal,
      content: fmt(m.handover.sealConfirm, { count: current.items.length }),
      okText: m.handover.seal,
      cancelText: m.common.cancel,
      onOk: async () => {
        setBusy(true);
        try {
          const sealed = await sealAndRecord(current, session, live.current.pending !== null);
          if (!sealed.ok) {
            show(sealed.error);
            return;
          }
          apply(sealed.value.batch, null);
          setBatches((list) => list.map((b) => (b.id === current.id ? sealed.value.batch : b)));
          void message.success(fmt(m.handover.sealed, { count: sealed.value.batch.items.length }));
          await print(sealed.value.batch);
        } finally {
          setBusy(false);
        }
      },
    });
  };

  const reprint = (current: BatchDoc) => {
    let reason = '';
    modal.confirm({
      title: m.handover.reprintManifest,
      content: (
        <Input
          placeholder={m.handover.reprintReason}
          onChange={(e) => (reason = e.target.value)}
          data-testid="reprint-reason"
        />
      ),
      onOk: () => print(current, reason.trim() || m.handover.reprintManifest),
    });
  };

  const pendingText =
    pending &&
    fmt(m.handover.pairWaiting, {
      half: pending.half === 'waybill' ? m.handover.halfWaybill : m.handover.halfDocument,
      other: pending.half === 'waybill' ? m.handover.halfDocument : m.handover.halfWaybill,
      acceptanceNo: pending.acceptanceNo,
    });

  return (
    <div
      style={{ display: 'grid', gridTemplateColumns: '300px 1fr', gap: 12, alignItems: 'start' }}
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Card size="small" title={m.handover.newBatch}>
          <Form layout="vertical" size="middle">
            <Form.Item label={m.handover.kind} style={{ marginBottom: 8 }}>
              <Select
                value={kind}
                onChange={setKind}
                data-testid="batch-kind"
                options={BATCH_KIND_LIST.map((k) => ({
                  value: k,
                  label: pick({ zh: BATCH_KINDS[k].nameZh, en: BATCH_KINDS[k].nameEn }),
                }))}
              />
            </Form.Item>
            <Form.Item
              label={m.handover.toStation}
              extra={m.handover.toStationHint}
              style={{ marginBottom: 8 }}
            >
              <Input
                value={toStation}
                onChange={(e) => setToStation(e.target.value)}
                maxLength={16}
                data-testid="batch-to-station"
              />
            </Form.Item>
            <Button
              type="primary"
              icon={<PlusOutlined />}
              block
              onClick={() => void create()}
              data-testid="batch-create"
            >
              {m.handover.create}
            </Button>
            <Space style={{ marginTop: 8 }}>
              <Typography.Text
                type="secondary"
                data-testid="known-items"
                data-count={index?.byAcceptanceNo.size ?? 0}
              >
                {fmt(m.handover.knownItems, { count: index?.byAcceptanceNo.size ?? 0 })}
              </Typography.Text>
              <Button
                size="small"
                type="link"
                icon={<ReloadOutlined />}
                onClick={() => void refresh()}
                data-testid="known-items-refresh"
              >
                {m.common.refresh}
              </Button>
            </Space>
          </Form>
        </Card>
        <Card
          size="small"
          title={m.handover.batches}
          styles={{ body: { padding: 0, maxHeight: 360, overflow: 'auto' } }}
        >
          <List
            size="small"
            dataSource={batches}
            locale={{ emptyText: m.common.noData }}
            renderItem={(b) => (
              <List.Item
                onClick={() => apply(b, null)}
                style={{
                  cursor: 'pointer',
                  padding: '6px 12px',
                  background: b.id === batch?.id ? '#e6f4ff' : undefined,
                }}
              >
                <Space orientation="vertical" size={0}>
                  <Typography.Text strong>{b.batchNo}</Typography.Text>
                  <Typography.Text type="secondary">
                    {pick({ zh: BATCH_KINDS[b.kind].nameZh, en: BATCH_KINDS[b.kind].nameEn })} ·{' '}
                    {fmt(m.common.pieces, { count: b.items.length })}
                  </Typography.Text>
                </Space>
                <Tag color={b.status === 'open' ? 'processing' : 'default'}>
                  {pick(BATCH_STATUS_LABELS[b.status])}
                </Tag>
              </List.Item>
            )}
          />
        </Card>
      </Space>
      {batch ? (
        <Card
          size="small"
          title={
            <Space wrap>
              <span data-testid="batch-no">{batch.batchNo}</span>
              <Tag>
                {pick({ zh: BATCH_KINDS[batch.kind].nameZh, en: BATCH_KINDS[batch.kind].nameEn })}
              </Tag>
              <Tag
                color={batch.status === 'open' ? 'processing' : 'success'}
                data-testid="batch-status"
              >
                {pick(BATCH_STATUS_LABELS[batch.status])}
              </Tag>
              <Typography.Text type="secondary">{time(batch.createdAt)}</Typography.Text>
            </Space>
          }
          extra={
            <Space>
              <Typography.Text strong data-testid="batch-count">
                {fmt(m.handover.items, { count: batch.items.length })}
              </Typography.Text>
              {batch.status === 'open' ? (
                <Button
                  type="primary"
                  icon={<LockOutlined />}
                  loading={busy}
                  disabled={batch.items.length === 0}
                  onClick={() => seal(batch)}
                  data-testid="batch-seal"
                >
                  {m.handover.seal}
                </Button>
              ) : (
                <Button
                  icon={<PrinterOutlined />}
                  onClick={() => reprint(batch)}
                  data-testid="manifest-reprint"
                >
                  {m.handover.reprintManifest}
                </Button>
              )}
            </Space>
          }
        >
          <Space orientation="vertical" style={{ width: '100%' }}>
            {batch.status === 'open' && (
              <>
                <ScanBox
                  placeholder={m.handover.scanPlaceholder}
                  onScan={onScan}
                  disabled={blocked || busy || !index}
                />
                <LastScanLine scan={lastScan} />
                {pendingText && (
                  <Alert
                    type="info"
                    showIcon
                    title={pendingText}
                    data-testid="pair-pending"
                    action={
                      <Button size="small" onClick={() => apply(live.current.batch, null)}>
                        {m.handover.cancelPending}
                      </Button>
                    }
                  />
                )}
              </>
            )}
            <ItemsTable items={batch.items} testId="batch-items" />
          </Space>
        </Card>
      ) : (
        <Card>
          <Empty description={m.handover.noBatch} />
        </Card>
      )}
    </div>
  );
}
