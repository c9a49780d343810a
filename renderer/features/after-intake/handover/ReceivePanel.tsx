// The receiving side (vehicle office, mail centre): open the batch by its manifest QR, scan
// what arrived, confirm, see the differences, raise a work order for anything missing.
import {
  App,
  Button,
  Card,
  Col,
  Empty,
  List,
  Row,
  Space,
  Statistic,
  Table,
  Tag,
  Typography,
} from 'antd';
import { CheckOutlined } from '@ant-design/icons';
import { useCallback, useEffect, useRef, useState } from 'react';
import {
  BATCH_KINDS,
  BATCH_STATUS_LABELS,
  batchDifferences,
  closeBatch,
  parseManifestScan,
  receiveScan,
  type BatchItem,
} from '../../../../shared/handover/index.ts';
import type { BatchDoc } from '../../../../shared/sync/collections.ts';
import { useSession } from '../../../stores/session.ts';
import { now } from '../data/context.ts';
import { confirmAndRecord, findBatchByNo, incomingBatches, saveBatch } from '../data/batches.ts';
import { raise } from '../data/work-orders.ts';
import { fmt, useAfterIntakeText } from '../i18n/index.ts';
import type { Feedback } from '../common/feedback.ts';
import { ScanBox } from '../common/ScanBox.tsx';
import { time } from '../common/format.ts';
import { ItemsTable } from './ItemsTable.tsx';
import { LastScanLine, type LastScan } from './LastScanLine.tsx';
import { useBlockingError } from './useBlockingError.ts';

export function ReceivePanel() {
  const { m, pick, lang } = useAfterIntakeText();
  const { message, modal } = App.useApp();
  const session = useSession((s) => s.session);
  const [incoming, setIncoming] = useState<BatchDoc[]>([]);
  const [batch, setBatch] = useState<BatchDoc | null>(null);
  const [lastScan, setLastScan] = useState<LastScan | null>(null);
  // The batch as the last scan left it, for scans queued before React re-renders.
  const live = useRef<BatchDoc | null>(null);
  const select = (next: BatchDoc | null) => {
    live.current = next;
    setBatch(next);
  };
  const [raised, setRaised] = useState<ReadonlySet<string>>(new Set());
  const { blocked, show } = useBlockingError();

  const refresh = useCallback(async () => {
    if (session) setIncoming(await incomingBatches(session));
  }, [session]);
  useEffect(() => {
    void refresh();
  }, [refresh]);

  if (!session) return null;

  const openBatch = async (code: string): Promise<Feedback> => {
    const batchNo = parseManifestScan(code) ?? code.trim().toUpperCase();
    const found = await findBatchByNo(batchNo);
    if (!found) {
      void message.error(fmt(m.handover.batchNotFound, { batchNo }));
      return 'error';
    }
    select(found);
    return 'ok';
  };

  const onScan = async (code: string): Promise<Feedback> => {
    const current = live.current;
    if (!current) return 'error';
    if (parseManifestScan(code)) return openBatch(code);
    const step = receiveScan(current, code, { now: now() });
    if (!step.outcome.ok) {
      setLastScan({ tone: 'danger', text: `${code} · ${step.outcome.error.code}` });
      show(step.outcome.error);
      return 'error';
    }
    select(step.batch);
    await saveBatch(step.batch);
    const outcome = step.outcome.value;
    if (outcome.kind === 'received') {
      setLastScan({
        tone: 'success',
        text: fmt(m.handover.receivedOk, { acceptanceNo: outcome.item.acceptanceNo }),
      });
      return 'ok';
    }
    if (outcome.kind === 'duplicate') {
      setLastScan({
        tone: 'warning',
        text: fmt(m.handover.duplicate, { acceptanceNo: outcome.item.acceptanceNo }),
      });
      return 'notice';
    }
    setLastScan({
      tone: 'danger',
      text: fmt(m.handover.unexpected, {
        code: outcome.item.waybillNo ?? outcome.item.acceptanceNo,
      }),
    });
    return 'error';
  };

  const confirm = (current: BatchDoc) => {
    const missing = batchDifferences(current).missing.length;
    const run = async () => {
      const done = await confirmAndRecord(current, session);
      if (!done.ok) return show(done.error);
      select(done.value.batch);
      void message.success(
        `${m.handover.receiptDone} · ${fmt(m.handover.events, { count: done.value.events })}`,
      );
      void refresh();
    };
    if (missing === 0) return void run();
    modal.confirm({
      title: m.handover.confirmReceipt,
      content: fmt(m.handover.confirmReceiptMissing, { count: missing }),
      onOk: run,
    });
  };

  const close = async (current: BatchDoc) => {
    const closed = closeBatch(current, { now: now() });
    if (!closed.ok) return show(closed.error);
    await saveBatch(closed.value);
    select(closed.value);
  };

  const raiseLost = async (item: BatchItem) => {
    const order = await raise({
      applicationId: item.applicationId,
      kind: 'lost',
      note: batch ? `${m.common.station}: ${batch.batchNo}` : '',
      session,
    });
    if (!order.ok)
      return void message.error(lang === 'en' ? order.error.messageEn : order.error.message);
    setRaised((s) => new Set([...s, item.applicationId]));
    void message.success(m.handover.lostRaised);
  };

  if (!batch) {
    return (
      <Space orientation="vertical" style={{ width: '100%' }}>
        <ScanBox
          placeholder={m.handover.scanManifestPlaceholder}
          onScan={openBatch}
          testId="manifest-scan"
        />
        <Card size="small" title={m.handover.incoming}>
          <List
            dataSource={incoming}
            locale={{ emptyText: m.common.noData }}
            renderItem={(b) => (
              <List.Item
                actions={[
                  <Button key="open" onClick={() => select(b)}>
                    {m.handover.openBatch}
                  </Button>,
                ]}
              >
                <Space>
                  <Typography.Text strong>{b.batchNo}</Typography.Text>
                  <Tag>
                    {pick({ zh: BATCH_KINDS[b.kind].nameZh, en: BATCH_KINDS[b.kind].nameEn })}
                  </Tag>
                  <span>{b.stationId}</span>
                  <span>{fmt(m.common.pieces, { count: b.items.length })}</span>
                  <Typography.Text type="secondary">{time(b.sealedAt)}</Typography.Text>
                </Space>
              </List.Item>
            )}
          />
        </Card>
      </Space>
    );
  }

  const diff = batchDifferences(batch);
  return (
    <Card
      size="small"
      title={
        <Space>
          <span data-testid="receive-batch-no">{batch.batchNo}</span>
          <Tag>
            {pick({ zh: BATCH_KINDS[batch.kind].nameZh, en: BATCH_KINDS[batch.kind].nameEn })}
          </Tag>
          <Tag
            color={batch.status === 'sealed' ? 'processing' : 'success'}
            data-testid="receive-status"
          >
            {pick(BATCH_STATUS_LABELS[batch.status])}
          </Tag>
          <span>{batch.stationId}</span>
        </Space>
      }
      extra={
        <Space>
          <Button onClick={() => select(null)}>{m.common.close}</Button>
          {batch.status === 'sealed' && (
            <Button
              type="primary"
              icon={<CheckOutlined />}
              onClick={() => confirm(batch)}
              data-testid="receipt-confirm"
            >
              {m.handover.confirmReceipt}
            </Button>
          )}
          {batch.status === 'received' && (
            <Button onClick={() => void close(batch)} data-testid="batch-close">
              {m.handover.closeBatch}
            </Button>
          )}
        </Space>
      }
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        {batch.status === 'sealed' && (
          <ScanBox
            placeholder={m.handover.scanReceivePlaceholder}
            onScan={onScan}
            disabled={blocked}
            testId="receive-scan"
          />
        )}
        {batch.status === 'sealed' && <LastScanLine scan={lastScan} />}
        <Row gutter={12}>
          <Col span={8}>
            <Statistic title={m.handover.receivedTitle} value={`${diff.received} / ${diff.sent}`} />
          </Col>
          <Col span={8}>
            <Statistic
              title={fmt(m.handover.missing, { count: diff.missing.length })}
              value={diff.missing.length}
              styles={{ content: { color: diff.missing.length ? '#cf1322' : undefined } }}
            />
          </Col>
          <Col span={8}>
            <Statistic
              title={fmt(m.handover.unexpectedList, { count: diff.unexpected.length })}
              value={diff.unexpected.length}
              styles={{ content: { color: diff.unexpected.length ? '#d46b08' : undefined } }}
            />
          </Col>
        </Row>
        {batch.status !== 'sealed' && (diff.missing.length > 0 || diff.unexpected.length > 0) && (
          <Card size="small" title={m.handover.differences} data-testid="differences">
            <Table
              size="small"
              pagination={false}
              rowKey={(r) =>
                `${r.kind}:${r.item.applicationId}:${r.item.waybillNo ?? r.item.acceptanceNo}`
              }
              dataSource={[
                ...diff.missing.map((item) => ({ kind: 'missing' as const, item })),
                ...diff.unexpected.map((item) => ({ kind: 'unexpected' as const, item })),
              ]}
              columns={[
                {
                  title: m.handover.differences,
                  render: (_, r) =>
                    r.kind === 'missing' ? (
                      <Tag color="red">{m.handover.missingTag}</Tag>
                    ) : (
                      <Tag color="orange">{m.handover.unexpectedTag}</Tag>
                    ),
                },
                { title: m.common.acceptanceNo, render: (_, r) => r.item.acceptanceNo },
                { title: m.common.waybillNo, render: (_, r) => r.item.waybillNo },
                {
                  title: m.common.actions,
                  render: (_, r) =>
                    r.kind === 'missing' && r.item.applicationId ? (
                      <Button
                        size="small"
                        danger
                        disabled={raised.has(r.item.applicationId)}
                        onClick={() => void raiseLost(r.item)}
                      >
                        {raised.has(r.item.applicationId)
                          ? m.handover.lostRaised
                          : m.handover.raiseLost}
                      </Button>
                    ) : null,
                },
              ]}
            />
          </Card>
        )}
        {batch.status !== 'sealed' && diff.missing.length === 0 && diff.unexpected.length === 0 && (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={m.handover.noDifferences} />
        )}
        <ItemsTable items={batch.receivedItems ?? []} testId="received-items" />
      </Space>
    </Card>
  );
}
