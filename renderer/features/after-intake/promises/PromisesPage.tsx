// 时限监控: mailed items about to miss their delivery promise, those that missed it, and the
// postage refunds owed ("three 100%"). Overdue items can be raised as refund work orders.
import { Alert, Button, Space, Table, Tabs, Tag, Typography } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { useCallback, useEffect, useState } from 'react';
import {
  dueDisplay,
  PROMISE_STATE_LABELS,
  REFUND_STATE_LABELS,
  type DeliveryPromise,
  type PromiseLists,
} from '../../../../shared/promises/index.ts';
import { SLA_TIER_LABELS } from '../../../../shared/sla/index.ts';
import type { WorkOrderKind } from '../../../../shared/work-orders/index.ts';
import { useSlaConfig } from '../../../app/data/config.ts';
import { now } from '../data/context.ts';
import { loadPromiseLists, type PromiseItem } from '../data/promises.ts';
import { fmt, useAfterIntakeText } from '../i18n/index.ts';
import { businessName } from '../common/format.ts';
import { RaiseWorkOrderModal } from '../work-orders/RaiseWorkOrderModal.tsx';

type Row = DeliveryPromise<PromiseItem>;

export function PromisesPage() {
  const { m, pick, lang } = useAfterIntakeText();
  const sla = useSlaConfig();
  const [lists, setLists] = useState<PromiseLists<PromiseItem> | null>(null);
  const [raise, setRaise] = useState<{
    id: string;
    acceptanceNo: string;
    kind: WorkOrderKind;
  } | null>(null);

  const refresh = useCallback(async () => setLists(await loadPromiseLists(sla)), [sla]);
  useEffect(() => {
    void refresh();
    const timer = setInterval(() => void refresh(), 60_000);
    return () => clearInterval(timer);
  }, [refresh]);

  const at = now();
  const table = (rows: readonly Row[], testId: string) => (
    <Table
      data-testid={testId}
      size="middle"
      rowKey={(r) => r.application.id}
      dataSource={[...rows]}
      pagination={{ pageSize: 30, hideOnSinglePage: true }}
      onRow={(r) => ({
        style: r.state === 'overdue' ? { background: '#fff1f0' } : undefined,
        'data-acceptance-no': r.application.acceptanceNo,
      })}
      columns={[
        { title: m.common.acceptanceNo, render: (_, r) => r.application.acceptanceNo },
        { title: m.common.waybillNo, render: (_, r) => r.application.waybillNo ?? '' },
        {
          title: m.common.business,
          render: (_, r) => businessName(r.application.businessCode, lang),
        },
        { title: m.promises.tier, render: (_, r) => (r.tier ? pick(SLA_TIER_LABELS[r.tier]) : '') },
        {
          title: m.promises.dueAt,
          render: (_, r) => (r.dueAt === null ? '' : dueDisplay(r.dueAt, at).at),
        },
        {
          title: m.promises.left,
          render: (_, r) => {
            if (r.dueAt === null) return '';
            const due = dueDisplay(r.dueAt, at);
            return (
              <Typography.Text type={due.overdue ? 'danger' : 'warning'} strong>
                {lang === 'en' ? due.relativeEn : due.relativeZh}
              </Typography.Text>
            );
          },
        },
        {
          title: m.common.status,
          render: (_, r) => (
            <Tag color={r.state === 'overdue' || r.state === 'missed' ? 'red' : 'orange'}>
              {pick(PROMISE_STATE_LABELS[r.state])}
            </Tag>
          ),
        },
        {
          title: m.promises.refund,
          render: (_, r) =>
            r.refund === 'none' ? null : (
              <Tag
                color={r.refund === 'due' ? 'red' : r.refund === 'raised' ? 'gold' : 'green'}
                data-testid="refund-flag"
              >
                {pick(REFUND_STATE_LABELS[r.refund])}
              </Tag>
            ),
        },
        {
          title: m.common.actions,
          render: (_, r) => (
            <Space>
              {r.refund === 'due' && (
                <Button
                  size="small"
                  danger
                  onClick={() =>
                    setRaise({
                      id: r.application.id,
                      acceptanceNo: r.application.acceptanceNo,
                      kind: 'overdue_refund',
                    })
                  }
                >
                  {m.promises.raiseRefund}
                </Button>
              )}
              <Button
                size="small"
                onClick={() =>
                  setRaise({
                    id: r.application.id,
                    acceptanceNo: r.application.acceptanceNo,
                    kind: 'lost',
                  })
                }
              >
                {m.promises.raiseException}
              </Button>
            </Space>
          ),
        },
      ]}
    />
  );

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Space>
        <Button icon={<ReloadOutlined />} onClick={() => void refresh()}>
          {m.common.refresh}
        </Button>
        <Alert type="info" showIcon title={m.promises.clockNote} style={{ padding: '2px 12px' }} />
      </Space>
      <Tabs
        defaultActiveKey="overdue"
        items={[
          {
            key: 'overdue',
            label: fmt(m.promises.overdue, { count: lists?.overdue.length ?? 0 }),
            children: table(lists?.overdue ?? [], 'promises-overdue'),
          },
          {
            key: 'atRisk',
            label: fmt(m.promises.atRisk, { count: lists?.atRisk.length ?? 0 }),
            children: table(lists?.atRisk ?? [], 'promises-at-risk'),
          },
          {
            key: 'refunds',
            label: fmt(m.promises.refunds, { count: lists?.refunds.length ?? 0 }),
            children: table(lists?.refunds ?? [], 'promises-refunds'),
          },
        ]}
      />
      <RaiseWorkOrderModal
        open={raise !== null}
        {...(raise
          ? { applicationId: raise.id, acceptanceNo: raise.acceptanceNo, kind: raise.kind }
          : {})}
        onClose={(raised) => {
          setRaise(null);
          if (raised) void refresh();
        }}
      />
    </Space>
  );
}
