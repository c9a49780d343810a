// The items of a batch (or of its receipt), newest first so the last scan is on top.
import { Table } from 'antd';
import type { BatchItem } from '../../../../shared/handover/index.ts';
import { useAfterIntakeText } from '../i18n/index.ts';
import { time } from '../common/format.ts';

export function ItemsTable({
  items,
  testId,
}: {
  readonly items: readonly BatchItem[];
  readonly testId: string;
}) {
  const { m } = useAfterIntakeText();
  const rows = items.map((item, i) => ({
    ...item,
    n: i + 1,
    key: `${item.applicationId}:${item.waybillNo ?? item.acceptanceNo}:${i}`,
  }));
  return (
    <Table
      data-testid={testId}
      size="small"
      pagination={{ pageSize: 50, hideOnSinglePage: true }}
      dataSource={rows.reverse()}
      columns={[
        { title: m.common.index, dataIndex: 'n', width: 64 },
        { title: m.common.acceptanceNo, dataIndex: 'acceptanceNo' },
        { title: m.common.waybillNo, dataIndex: 'waybillNo' },
        { title: m.common.sortCode, dataIndex: 'sortCode', width: 120 },
        {
          title: m.handover.scannedAt,
          dataIndex: 'scannedAt',
          width: 130,
          render: (at: number) => time(at),
        },
      ]}
    />
  );
}
