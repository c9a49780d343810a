// 分拣清单: a batch's items grouped by destination — the police station a collected item
// waits at, or the county a mailed item goes to. Printable as a slip for the sorting frame.
import { App, Button, Card, Col, Empty, Row, Select, Space, Table, Tag, Typography } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import { useEffect, useMemo, useState } from 'react';
import { divisionByCode } from '../../../../shared/divisions/index.ts';
import { BATCH_KINDS } from '../../../../shared/handover/index.ts';
import { sortList } from '../../../../shared/sorting/index.ts';
import type { BatchDoc } from '../../../../shared/sync/collections.ts';
import { printLabel } from '../../../app/data/printing.ts';
import { useSession } from '../../../stores/session.ts';
import { listBatches } from '../data/batches.ts';
import { now } from '../data/context.ts';
import { fmt, useAfterIntakeText } from '../i18n/index.ts';

/** County codes by their full name; station codes as they are. */
export function sortCodeName(code: string): string | undefined {
  if (!/^\d{6}$/.test(code)) return undefined;
  const division = divisionByCode(code);
  return division.ok ? division.value.fullName : undefined;
}

export function SortingPage() {
  const { m, pick, lang } = useAfterIntakeText();
  const { message } = App.useApp();
  const session = useSession((s) => s.session);
  const [batches, setBatches] = useState<BatchDoc[]>([]);
  const [selected, setSelected] = useState<string | null>(null);

  useEffect(() => {
    void listBatches().then((list) => {
      setBatches(list);
      setSelected((current) => current ?? list[0]?.id ?? null);
    });
  }, []);

  const batch = batches.find((b) => b.id === selected) ?? null;
  const groups = useMemo(() => (batch ? sortList(batch.items, sortCodeName) : []), [batch]);

  const print = async () => {
    if (!batch || !session) return;
    const printed = await printLabel({
      labelKey: `sortlist:${batch.batchNo}:${now()}`,
      session,
      label: {
        kind: 'slip80',
        slip: {
          title: m.nav.sorting,
          subtitle: batch.batchNo,
          printedAt: now(),
          lines: groups.flatMap((g) => [
            {
              label: g.sortCode || m.sorting.unsorted,
              value: fmt(m.common.pieces, { count: g.items.length }),
              bold: true,
            },
            ...(g.label !== g.sortCode && g.label ? [{ value: g.label }] : []),
            ...g.items.map((i) => ({ value: `  ${i.waybillNo ?? i.acceptanceNo}` })),
          ]),
        },
      },
    });
    if (printed.ok) void message.success(m.sorting.printed);
    else void message.error(lang === 'en' ? printed.error.messageEn : printed.error.message);
  };

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Typography.Text>{m.sorting.chooseBatch}</Typography.Text>
        <Select
          style={{ minWidth: 320 }}
          value={selected}
          onChange={setSelected}
          data-testid="sorting-batch"
          options={batches.map((b) => ({
            value: b.id,
            label: `${b.batchNo} · ${pick({ zh: BATCH_KINDS[b.kind].nameZh, en: BATCH_KINDS[b.kind].nameEn })} · ${fmt(m.common.pieces, { count: b.items.length })}`,
          }))}
        />
        {batch && <Tag>{fmt(m.sorting.groups, { count: groups.length })}</Tag>}
        <Button
          icon={<PrinterOutlined />}
          disabled={!batch || groups.length === 0}
          onClick={() => void print()}
        >
          {m.sorting.printList}
        </Button>
      </Space>
      {groups.length === 0 ? (
        <Card>
          <Empty description={m.common.noData} />
        </Card>
      ) : (
        <Row gutter={[12, 12]}>
          {groups.map((g) => (
            <Col key={g.sortCode || '-'} xs={24} md={12} xl={8}>
              <Card
                size="small"
                data-testid="sort-group"
                title={
                  <Space>
                    <Typography.Text strong style={{ fontSize: 18 }}>
                      {g.sortCode || m.sorting.unsorted}
                    </Typography.Text>
                    {g.sortCode && (
                      <Tag>{/^\d{6}$/.test(g.sortCode) ? m.sorting.county : m.sorting.station}</Tag>
                    )}
                  </Space>
                }
                extra={
                  <Typography.Text strong>
                    {fmt(m.common.pieces, { count: g.items.length })}
                  </Typography.Text>
                }
              >
                {g.label && g.label !== g.sortCode && (
                  <Typography.Paragraph type="secondary">{g.label}</Typography.Paragraph>
                )}
                <Table
                  size="small"
                  pagination={false}
                  rowKey={(i) => i.applicationId}
                  dataSource={[...g.items]}
                  columns={[
                    { title: m.common.waybillNo, dataIndex: 'waybillNo' },
                    { title: m.common.acceptanceNo, dataIndex: 'acceptanceNo' },
                  ]}
                />
              </Card>
            </Col>
          ))}
        </Row>
      )}
    </Space>
  );
}
