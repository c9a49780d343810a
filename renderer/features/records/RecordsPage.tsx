// 业务查询: one search box that takes a waybill, acceptance number, last 4 mobile digits, name or
// ID number (typed or scanned), plus filters; a row opens the record's detail.
import { Button, Card, Input, Segmented, Select, Space, Table, Tag, Typography } from 'antd';
import { SearchOutlined } from '@ant-design/icons';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BUSINESS_CATALOGUE } from '../../../shared/catalogue/index.ts';
import { APPLICATION_STATUSES } from '../../../shared/lifecycle/index.ts';
import { searchRecords, type RecordRow, type SyncState } from '../../app/data/records.ts';
import { formatDateTime, startOfBeijingDay } from '../../app/format.ts';
import { businessName, statusName } from '../../app/labels.ts';
import { usePreferences } from '../../stores/preferences.ts';
import { useSyncStatus } from '../../stores/sync-status.ts';
import { RecordDrawer } from './RecordDrawer.tsx';
import { classifySearch } from './search-query.ts';

type Period = 'today' | 'week' | 'month' | 'all';
const DAY = 86_400_000;

function periodStart(period: Period, now: number): number | undefined {
  const today = startOfBeijingDay(now);
  if (period === 'today') return today;
  if (period === 'week') return today - 6 * DAY;
  if (period === 'month') return today - 29 * DAY;
  return undefined;
}

const SYNC_COLORS: Record<SyncState, string> = {
  synced: 'green',
  pending: 'gold',
  rejected: 'red',
};

export function RecordsPage() {
  const { t } = useTranslation();
  const english = usePreferences((s) => s.language === 'en');
  const lastSyncedAt = useSyncStatus((s) => s.lastSyncedAt);
  const [text, setText] = useState('');
  const [submitted, setSubmitted] = useState('');
  const [status, setStatus] = useState<string>('');
  const [business, setBusiness] = useState<string>('');
  const [sync, setSync] = useState<SyncState | ''>('');
  const [period, setPeriod] = useState<Period>('all');
  const [rows, setRows] = useState<RecordRow[]>([]);
  const [loading, setLoading] = useState(false);
  const [openId, setOpenId] = useState<string | null>(null);
  const query = useMemo(() => classifySearch(submitted), [submitted]);
  const live = classifySearch(text);

  const run = useCallback(async () => {
    setLoading(true);
    try {
      const from = periodStart(period, Date.now());
      setRows(
        await searchRecords(
          query,
          {
            ...(status ? { status } : {}),
            ...(business ? { businessCode: business } : {}),
            ...(sync ? { sync } : {}),
            ...(from ? { from } : {}),
          },
          lastSyncedAt,
        ),
      );
    } finally {
      setLoading(false);
    }
  }, [query, status, business, sync, period, lastSyncedAt]);

  useEffect(() => {
    void run();
  }, [run]);

  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }} data-testid="records-page">
      <Card size="small">
        <Space direction="vertical" size={10} style={{ width: '100%' }}>
          <Space.Compact style={{ width: '100%' }}>
            <Input
              size="large"
              allowClear
              autoFocus
              value={text}
              prefix={<SearchOutlined />}
              placeholder={t('records.searchPlaceholder')}
              suffix={
                live ? <Tag color="blue">{t(`records.searchKind.${live.kind}`)}</Tag> : <span />
              }
              data-testid="records-search"
              onChange={(e) => {
                setText(e.target.value);
                if (e.target.value === '') setSubmitted('');
              }}
              onPressEnter={() => setSubmitted(text)}
            />
            <Button
              size="large"
              type="primary"
              onClick={() => setSubmitted(text)}
              data-testid="records-search-go"
            >
              {t('common.search')}
            </Button>
          </Space.Compact>
          <Space wrap size={12}>
            <Segmented<Period>
              value={period}
              onChange={setPeriod}
              options={(['today', 'week', 'month', 'all'] as const).map((p) => ({
                value: p,
                label: t(`period.${p}`),
              }))}
            />
            <Select
              style={{ width: 150 }}
              value={status}
              onChange={setStatus}
              options={[
                { value: '', label: `${t('records.status')}：${t('common.all')}` },
                ...APPLICATION_STATUSES.map((s) => ({ value: s, label: statusName(s) })),
              ]}
            />
            <Select
              style={{ width: 240 }}
              value={business}
              showSearch={{ optionFilterProp: 'label' }}
              onChange={setBusiness}
              popupMatchSelectWidth={false}
              options={[
                { value: '', label: `${t('records.business')}：${t('common.all')}` },
                ...BUSINESS_CATALOGUE.map((b) => ({
                  value: b.code,
                  label: english ? b.nameEn : b.nameZh,
                })),
              ]}
            />
            <Select<SyncState | ''>
              style={{ width: 150 }}
              value={sync}
              onChange={setSync}
              options={[
                { value: '', label: `${t('records.syncState')}：${t('common.all')}` },
                { value: 'pending', label: t('records.pending') },
                { value: 'synced', label: t('records.synced') },
                { value: 'rejected', label: t('records.rejected') },
              ]}
            />
            <Button
              onClick={() => {
                setText('');
                setSubmitted('');
                setStatus('');
                setBusiness('');
                setSync('');
                setPeriod('all');
              }}
            >
              {t('common.reset')}
            </Button>
          </Space>
        </Space>
      </Card>
      <Table<RecordRow>
        size="middle"
        rowKey="id"
        loading={loading}
        dataSource={rows}
        data-testid="records-table"
        pagination={{
          pageSize: 10,
          showTotal: (count) => t('records.results', { count }),
          showSizeChanger: false,
        }}
        locale={{ emptyText: t('records.noResults') }}
        onRow={(row) => ({ onClick: () => setOpenId(row.id), style: { cursor: 'pointer' } })}
        scroll={{ x: 1080 }}
        columns={[
          {
            title: t('records.acceptedAt'),
            dataIndex: 'acceptedAt',
            width: 140,
            render: (v: number) => formatDateTime(v),
          },
          {
            title: t('records.acceptanceNo'),
            dataIndex: 'acceptanceNo',
            width: 170,
            render: (v: string) => <span className="wp-mono">{v}</span>,
          },
          {
            title: t('records.business'),
            dataIndex: 'businessCode',
            ellipsis: true,
            render: (v: string) => businessName(v),
          },
          { title: t('records.applicant'), dataIndex: 'applicantName', width: 90 },
          {
            title: t('records.idNumber'),
            dataIndex: 'idNumberMasked',
            width: 170,
            render: (v: string) => <span className="wp-mono">{v}</span>,
          },
          {
            title: t('records.waybill'),
            dataIndex: 'waybillNo',
            width: 150,
            render: (v: string | null, row) =>
              v ? (
                <span className="wp-mono">{v}</span>
              ) : row.method === 'mail' ? (
                <Tag color="orange">{t('records.waybillState.pending_print')}</Tag>
              ) : (
                <Typography.Text type="secondary">{t('delivery.collect')}</Typography.Text>
              ),
          },
          {
            title: t('records.status'),
            dataIndex: 'status',
            width: 90,
            render: (v: string) => statusName(v),
          },
          {
            title: t('records.syncState'),
            dataIndex: 'sync',
            width: 90,
            render: (v: SyncState) => <Tag color={SYNC_COLORS[v]}>{t(`records.${v}`)}</Tag>,
          },
        ]}
      />
      <RecordDrawer id={openId} onClose={() => setOpenId(null)} onChanged={() => void run()} />
    </Space>
  );
}
