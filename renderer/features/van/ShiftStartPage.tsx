// 出车检查: before the van leaves — waybill numbers left, a printer test page, how old the last
// sync is, free disk, the camera — then the shift starts with a printed slip.
import { Alert, App, Button, Card, Space, Typography } from 'antd';
import { PrinterOutlined, ReloadOutlined } from '@ant-design/icons';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SlipLine } from '../../../shared/printing/types.ts';
import {
  checkSlipPrinter,
  freeDiskBytes,
  hasCamera,
  printSlip,
  watchNumbersRemaining,
} from '../../app/data/van.ts';
import { formatDateTime } from '../../app/format.ts';
import { ageParts } from '../sync-bar/model.ts';
import { errorMessage } from '../../i18n/index.ts';
import { newId } from '../../db/ids.ts';
import { useSession } from '../../stores/session.ts';
import { useShift } from '../../stores/shift.ts';
import { useSyncStatus } from '../../stores/sync-status.ts';
import { CheckRow } from './CheckRow.tsx';
import {
  diskLevel,
  numberPoolLevel,
  SHIFT_LIMITS,
  syncAgeLevel,
  type CheckLevel,
} from './reconciliation.ts';

interface Findings {
  freeBytes: number | null;
  camera: boolean;
}

type PrinterCheck = { level: CheckLevel | 'pending'; text: string | null };

export function ShiftStartPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const session = useSession((s) => s.session);
  const lastSyncedAt = useSyncStatus((s) => s.lastSyncedAt);
  const shift = useShift((s) => s.shift);
  const startShift = useShift((s) => s.start);
  const [findings, setFindings] = useState<Findings | null>(null);
  const [printer, setPrinter] = useState<PrinterCheck>({ level: 'pending', text: null });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const now = Date.now();

  const check = useCallback(async () => {
    setFindings(null);
    const [freeBytes, camera, printerOk] = await Promise.all([
      freeDiskBytes(),
      hasCamera(),
      checkSlipPrinter(),
    ]);
    setFindings({ freeBytes, camera });
    setPrinter(
      printerOk.ok
        ? { level: 'warn', text: null }
        : { level: 'bad', text: errorMessage(printerOk.error) },
    );
  }, []);

  useEffect(() => {
    void check();
  }, [check]);
  const [numbers, setNumbers] = useState<number | null>(null);
  useEffect(() => watchNumbersRemaining(setNumbers), []);

  if (!session) return null;
  const syncLevel = syncAgeLevel(lastSyncedAt, now);
  const gb = (bytes: number) => (bytes / 1024 ** 3).toFixed(1);
  const age = lastSyncedAt ? ageParts(lastSyncedAt, now) : null;

  const lines = (): SlipLine[] => [
    {
      label: t('van.numberPool'),
      value: t('van.numberPoolValue', { count: numbers ?? 0 }),
    },
    {
      label: t('van.printer'),
      value: printer.level === 'ok' ? t('van.printerOk') : (printer.text ?? '—'),
    },
    {
      label: t('van.lastSync'),
      value: lastSyncedAt ? formatDateTime(lastSyncedAt) : t('sync.never'),
    },
    {
      label: t('van.disk'),
      value: findings?.freeBytes != null ? t('van.diskValue', { gb: gb(findings.freeBytes) }) : '—',
    },
    { label: t('van.camera'), value: findings?.camera ? t('van.cameraOk') : t('photo.noCamera') },
  ];

  const testPrint = async () => {
    setBusy(true);
    const result = await printSlip(
      'test',
      {
        title: t('van.printerTest'),
        lines: [{ value: session.stationName }, { value: formatDateTime(Date.now()) }],
        printedAt: Date.now(),
      },
      session,
    );
    setBusy(false);
    setPrinter(
      result.ok ? { level: 'ok', text: null } : { level: 'bad', text: errorMessage(result.error) },
    );
  };

  const start = async () => {
    setBusy(true);
    setError(null);
    const at = Date.now();
    const id = newId(at);
    const result = await printSlip(
      'shift-start',
      {
        title: t('van.slipStartTitle'),
        subtitle: `${session.stationName} · ${session.name}`,
        lines: [
          { label: t('van.shiftStartedAt'), value: formatDateTime(at), bold: true },
          ...lines(),
        ],
        printedAt: at,
        barcode: id,
        signatures: [t('van.signatureCrew')],
      },
      session,
    );
    setBusy(false);
    if (!result.ok) return setError(errorMessage(result.error));
    startShift({ id, startedAt: at, staffId: session.staffId, staffName: session.name });
    void message.success(t('van.shiftStarted'));
  };

  return (
    <Card
      title={t('van.startTitle')}
      data-testid="van-start-page"
      extra={
        <Button icon={<ReloadOutlined />} onClick={() => void check()}>
          {t('van.recheck')}
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">{t('van.startIntro')}</Typography.Paragraph>
      {shift && !shift.endedAt && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('van.shiftSince', { time: formatDateTime(shift.startedAt) })}
        />
      )}
      <CheckRow
        testId="check-numbers"
        level={numbers !== null ? numberPoolLevel(numbers) : 'pending'}
        label={t('van.numberPool')}
        value={numbers !== null ? t('van.numberPoolValue', { count: numbers }) : '…'}
        hint={
          numbers !== null && numberPoolLevel(numbers) !== 'ok'
            ? t('van.numberPoolLow', { min: SHIFT_LIMITS.minNumbers })
            : null
        }
      />
      <CheckRow
        testId="check-printer"
        level={printer.level}
        label={t('van.printer')}
        value={printer.level === 'ok' ? t('van.printerOk') : (printer.text ?? t('van.printerTest'))}
        action={
          <Button
            size="large"
            icon={<PrinterOutlined />}
            loading={busy}
            onClick={() => void testPrint()}
            data-testid="printer-test"
          >
            {t('van.printerTest')}
          </Button>
        }
      />
      <CheckRow
        testId="check-sync"
        level={syncLevel}
        label={t('van.lastSync')}
        value={
          lastSyncedAt
            ? `${formatDateTime(lastSyncedAt)}（${age ? t(`sync.age.${age.unit}`, { n: age.value }) : ''}）`
            : t('sync.never')
        }
        hint={
          syncLevel !== 'ok' ? t('van.lastSyncOld', { hours: SHIFT_LIMITS.maxSyncAgeHours }) : null
        }
      />
      <CheckRow
        testId="check-disk"
        level={findings ? diskLevel(findings.freeBytes) : 'pending'}
        label={t('van.disk')}
        value={
          findings?.freeBytes != null ? t('van.diskValue', { gb: gb(findings.freeBytes) }) : '—'
        }
        hint={
          findings && diskLevel(findings.freeBytes) !== 'ok'
            ? t('van.diskLow', { gb: gb(SHIFT_LIMITS.minFreeBytes) })
            : null
        }
      />
      <CheckRow
        testId="check-camera"
        level={findings ? (findings.camera ? 'ok' : 'bad') : 'pending'}
        label={t('van.camera')}
        value={findings ? (findings.camera ? t('van.cameraOk') : t('photo.noCamera')) : '…'}
      />
      {error && <Alert type="error" showIcon style={{ marginTop: 16 }} title={error} />}
      <Space style={{ marginTop: 20, width: '100%', justifyContent: 'flex-end' }}>
        <Button
          type="primary"
          size="large"
          loading={busy}
          onClick={() => void start()}
          data-testid="start-shift"
        >
          {t('van.startShift')}
        </Button>
      </Space>
    </Card>
  );
}
