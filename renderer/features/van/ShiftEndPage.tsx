// 收车对账: accepted vs printed vs handed over vs waiting to sync for this shift, printed as
// a slip for signatures.
import { Alert, App, Button, Card, Col, Row, Space, Statistic, Typography } from 'antd';
import { PrinterOutlined, ReloadOutlined } from '@ant-design/icons';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { printSlip, shiftReconciliation } from '../../app/data/van.ts';
import { formatDateTime, startOfBeijingDay } from '../../app/format.ts';
import { errorMessage } from '../../i18n/index.ts';
import { useSession } from '../../stores/session.ts';
import { useShift } from '../../stores/shift.ts';
import { useSyncStatus } from '../../stores/sync-status.ts';
import type { Reconciliation } from './reconciliation.ts';

export function ShiftEndPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const session = useSession((s) => s.session);
  const lastSyncedAt = useSyncStatus((s) => s.lastSyncedAt);
  const shift = useShift((s) => s.shift);
  const endShift = useShift((s) => s.end);
  const [counts, setCounts] = useState<Reconciliation | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const open = shift && !shift.endedAt ? shift : null;
  const since = open ? open.startedAt : startOfBeijingDay(Date.now());

  const load = useCallback(
    async () => setCounts(await shiftReconciliation(since, lastSyncedAt)),
    [since, lastSyncedAt],
  );
  useEffect(() => {
    void load();
  }, [load]);

  if (!session) return null;

  const print = async () => {
    if (!counts) return;
    setBusy(true);
    setError(null);
    const at = Date.now();
    const result = await printSlip(
      'shift-end',
      {
        title: t('van.slipEndTitle'),
        subtitle: `${session.stationName} · ${session.name}`,
        lines: [
          { label: t('van.shiftStartedAt'), value: formatDateTime(since) },
          { label: t('van.shiftEndedAt'), value: formatDateTime(at) },
          { label: t('van.accepted'), value: String(counts.accepted), bold: true },
          { label: t('delivery.mail'), value: String(counts.mail) },
          { label: t('van.collect'), value: String(counts.collect) },
          { label: t('van.printed'), value: String(counts.printed), bold: true },
          { label: t('van.pendingPrint'), value: String(counts.pendingPrint) },
          { label: t('van.handedOver'), value: String(counts.handedOver), bold: true },
          { label: t('van.waitingSync'), value: String(counts.waitingSync), bold: true },
          {
            label: t('van.lastSync'),
            value: lastSyncedAt ? formatDateTime(lastSyncedAt) : t('sync.never'),
          },
        ],
        printedAt: at,
        ...(open ? { barcode: open.id } : {}),
        signatures: [t('van.signatureCrew'), t('van.signatureReceiver')],
      },
      session,
    );
    setBusy(false);
    if (!result.ok) return setError(errorMessage(result.error));
    if (open) endShift(at);
    void message.success(t('van.shiftEnded'));
  };

  const stat = (
    key: 'accepted' | 'printed' | 'handedOver' | 'waitingSync',
    value: number | undefined,
    color?: string,
  ) => (
    <Col span={6}>
      <Card size="small" data-testid={`recon-${key}`}>
        <Statistic
          title={t(`van.${key}`)}
          value={value ?? '—'}
          styles={{ content: { fontSize: 36, ...(color ? { color } : {}) } }}
          suffix={t('common.pieces')}
        />
      </Card>
    </Col>
  );

  return (
    <Card
      title={t('van.endTitle')}
      data-testid="van-end-page"
      extra={
        <Button icon={<ReloadOutlined />} onClick={() => void load()}>
          {t('van.recheck')}
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">{t('van.endIntro')}</Typography.Paragraph>
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title={
          open ? t('van.shiftSince', { time: formatDateTime(open.startedAt) }) : t('van.noShift')
        }
      />
      <Row gutter={12}>
        {stat('accepted', counts?.accepted)}
        {stat('printed', counts?.printed)}
        {stat('handedOver', counts?.handedOver)}
        {stat(
          'waitingSync',
          counts?.waitingSync,
          counts && counts.waitingSync > 0 ? '#d48806' : undefined,
        )}
      </Row>
      <Space size={24} style={{ marginTop: 16 }}>
        <Typography.Text>
          {t('delivery.mail')}：{counts?.mail ?? '—'}
        </Typography.Text>
        <Typography.Text>
          {t('van.collect')}：{counts?.collect ?? '—'}
        </Typography.Text>
        <Typography.Text>
          {t('van.pendingPrint')}：{counts?.pendingPrint ?? '—'}
        </Typography.Text>
      </Space>
      {counts && counts.pendingPrint > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginTop: 16 }}
          title={t('van.mismatch', { count: counts.pendingPrint })}
        />
      )}
      {error && <Alert type="error" showIcon style={{ marginTop: 16 }} title={error} />}
      <Space style={{ marginTop: 20, width: '100%', justifyContent: 'flex-end' }}>
        <Button
          type="primary"
          size="large"
          icon={<PrinterOutlined />}
          loading={busy}
          disabled={!counts}
          onClick={() => void print()}
          data-testid="end-shift"
        >
          {t('van.endShift')}
        </Button>
      </Space>
    </Card>
  );
}
