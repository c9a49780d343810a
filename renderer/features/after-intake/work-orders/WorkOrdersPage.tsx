// 工单: exceptions and complaints with their one-working-day deadline. Overdue tickets are
// listed first in red; a drawer shows the notes and takes assignment, notes and resolution.
import { App, Button, Drawer, Input, List, Space, Switch, Table, Tag, Typography } from 'antd';
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { useCallback, useEffect, useState } from 'react';
import { dueDisplay } from '../../../../shared/promises/index.ts';
import {
  WORK_ORDER_KINDS,
  WORK_ORDER_STATE_LABELS,
  workOrderState,
  type WorkOrderState,
} from '../../../../shared/work-orders/index.ts';
import type { WaypostError } from '../../../../shared/result.ts';
import { useSession } from '../../../stores/session.ts';
import { now } from '../data/context.ts';
import { assign, listWorkOrders, note, resolve, type WorkOrderRow } from '../data/work-orders.ts';
import { useAfterIntakeText } from '../i18n/index.ts';
import { businessName, time } from '../common/format.ts';
import { RaiseWorkOrderModal } from './RaiseWorkOrderModal.tsx';

const STATE_COLOR: Record<WorkOrderState, string> = {
  overdue: 'red',
  open: 'blue',
  assigned: 'gold',
  resolved: 'green',
  resolved_late: 'volcano',
};

export function WorkOrdersPage() {
  const { m, pick, lang } = useAfterIntakeText();
  const { message } = App.useApp();
  const session = useSession((s) => s.session);
  const [rows, setRows] = useState<WorkOrderRow[]>([]);
  const [raising, setRaising] = useState(false);
  const [openId, setOpenId] = useState<string | null>(null);
  const [showResolved, setShowResolved] = useState(false);
  const [overdueOnly, setOverdueOnly] = useState(false);
  const [text, setText] = useState('');
  const [assignee, setAssignee] = useState('');
  const at = now();

  const refresh = useCallback(async () => setRows(await listWorkOrders()), []);
  useEffect(() => {
    void refresh();
  }, [refresh]);

  if (!session) return null;
  const errorOut = (e: WaypostError) => void message.error(lang === 'en' ? e.messageEn : e.message);
  const visible = rows.filter((r) => {
    const state = workOrderState(r.order, at);
    if (overdueOnly && state !== 'overdue') return false;
    return showResolved || r.order.status !== 'resolved';
  });
  const current = rows.find((r) => r.order.id === openId) ?? null;

  const act = async (run: () => Promise<{ ok: boolean; error?: WaypostError }>) => {
    const result = await run();
    if (!result.ok && result.error) return errorOut(result.error);
    setText('');
    await refresh();
  };

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Button
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => setRaising(true)}
          data-testid="work-order-new"
        >
          {m.workOrders.newOrder}
        </Button>
        <Button icon={<ReloadOutlined />} onClick={() => void refresh()}>
          {m.common.refresh}
        </Button>
        <Space>
          <Switch checked={overdueOnly} onChange={setOverdueOnly} />
          {m.workOrders.overdueOnly}
        </Space>
        <Space>
          <Switch checked={showResolved} onChange={setShowResolved} />
          {m.workOrders.showResolved}
        </Space>
      </Space>
      <Table
        data-testid="work-orders"
        size="middle"
        rowKey={(r) => r.order.id}
        dataSource={visible}
        pagination={{ pageSize: 30, hideOnSinglePage: true }}
        onRow={(r) => ({
          onClick: () => setOpenId(r.order.id),
          style: {
            cursor: 'pointer',
            background: workOrderState(r.order, at) === 'overdue' ? '#fff1f0' : undefined,
          },
          'data-state': workOrderState(r.order, at),
        })}
        columns={[
          {
            title: m.workOrders.state,
            width: 110,
            render: (_, r) => {
              const state = workOrderState(r.order, at);
              return <Tag color={STATE_COLOR[state]}>{pick(WORK_ORDER_STATE_LABELS[state])}</Tag>;
            },
          },
          { title: m.workOrders.kind, render: (_, r) => pick(WORK_ORDER_KINDS[r.order.kind]) },
          { title: m.common.acceptanceNo, render: (_, r) => r.acceptanceNo },
          { title: m.common.business, render: (_, r) => businessName(r.businessCode, lang) },
          { title: m.workOrders.raisedAt, render: (_, r) => time(r.order.raisedAt) },
          {
            title: m.workOrders.deadline,
            render: (_, r) => {
              const due = dueDisplay(r.order.deadlineAt, at);
              return (
                <Space orientation="vertical" size={0}>
                  <span>{due.at}</span>
                  {r.order.status !== 'resolved' && (
                    <Typography.Text
                      type={due.overdue ? 'danger' : 'secondary'}
                      strong={due.overdue}
                    >
                      {lang === 'en' ? due.relativeEn : due.relativeZh}
                    </Typography.Text>
                  )}
                </Space>
              );
            },
          },
          {
            title: m.workOrders.assignee,
            render: (_, r) =>
              r.order.assigneeId === session.staffId ? session.name : (r.order.assigneeId ?? ''),
          },
        ]}
      />
      <RaiseWorkOrderModal
        open={raising}
        onClose={(raised) => {
          setRaising(false);
          if (raised) void refresh();
        }}
      />
      <Drawer
        open={current !== null}
        width={520}
        onClose={() => setOpenId(null)}
        title={
          current ? `${pick(WORK_ORDER_KINDS[current.order.kind])} · ${current.acceptanceNo}` : ''
        }
        destroyOnHidden
      >
        {current && (
          <Space orientation="vertical" style={{ width: '100%' }} size="middle">
            <Space wrap>
              <Tag color={STATE_COLOR[workOrderState(current.order, at)]}>
                {pick(WORK_ORDER_STATE_LABELS[workOrderState(current.order, at)])}
              </Tag>
              <span>
                {m.workOrders.deadline}: {dueDisplay(current.order.deadlineAt, at).at}
              </span>
              <span>
                {m.workOrders.assignee}:{' '}
                {current.order.assigneeId === session.staffId
                  ? session.name
                  : (current.order.assigneeId ?? '—')}
              </span>
            </Space>
            <List
              header={m.workOrders.notes}
              size="small"
              dataSource={current.order.notes}
              locale={{ emptyText: m.common.noData }}
              renderItem={(n) => (
                <List.Item>
                  <List.Item.Meta
                    title={`${time(n.at)} · ${n.staffId === session.staffId ? session.name : n.staffId}`}
                    description={n.text}
                  />
                </List.Item>
              )}
            />
            {current.order.resolution && (
              <Typography.Paragraph>
                <Typography.Text strong>{m.workOrders.resolution}: </Typography.Text>
                {current.order.resolution}
              </Typography.Paragraph>
            )}
            <Input.TextArea
              rows={3}
              maxLength={500}
              value={text}
              onChange={(e) => setText(e.target.value)}
              data-testid="work-order-text"
            />
            <Space wrap>
              <Button
                disabled={!text.trim()}
                onClick={() => void act(() => note(current.order.id, text, session))}
              >
                {m.workOrders.addNote}
              </Button>
              {current.order.status !== 'resolved' && (
                <Button
                  type="primary"
                  disabled={!text.trim()}
                  onClick={() => void act(() => resolve(current.order.id, text, session))}
                  data-testid="work-order-resolve"
                >
                  {m.workOrders.resolve}
                </Button>
              )}
            </Space>
            {current.order.status !== 'resolved' && (
              <Space wrap>
                <Button onClick={() => void act(() => assign(current.order.id, session.staffId))}>
                  {m.workOrders.assignToMe}
                </Button>
                <Input
                  style={{ width: 160 }}
                  placeholder={m.workOrders.assigneePlaceholder}
                  value={assignee}
                  onChange={(e) => setAssignee(e.target.value)}
                />
                <Button
                  disabled={!assignee.trim()}
                  onClick={() => void act(() => assign(current.order.id, assignee.trim()))}
                >
                  {m.workOrders.assign}
                </Button>
              </Space>
            )}
          </Space>
        )}
      </Drawer>
    </Space>
  );
}
