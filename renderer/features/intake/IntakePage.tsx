// 业务受理: the clerk's main screen. Keyboard-first (Enter moves on; F2 save and print, F4 print
// again, Esc clear), validated as a whole before anything is written.
import { Alert, App, Button, Card, Col, Form, Input, Result, Row, Space, Typography } from 'antd';
import { ClearOutlined, PrinterOutlined, SaveOutlined } from '@ant-design/icons';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  findBusiness,
  type BusinessCategory,
  type BusinessCode,
} from '../../../shared/catalogue/index.ts';
import type { WaypostError } from '../../../shared/result.ts';
import { enterMovesNext, useHotkeys } from '../../app/hotkeys.ts';
import { printPendingLabels, saveIntake } from '../../app/data/intake.ts';
import { useSlaConfig } from '../../app/data/config.ts';
import { errorMessage } from '../../i18n/index.ts';
import { useSession } from '../../stores/session.ts';
import { PhotoPanel } from '../photos/PhotoPanel.tsx';
import { VehicleSection } from '../vehicle/VehicleSection.tsx';
import { divisionsLookup, prepareAddress } from './address.ts';
import { ApplicantSection } from './ApplicantSection.tsx';
import { BusinessSection } from './BusinessSection.tsx';
import { DeliverySection } from './DeliverySection.tsx';
import { FeeSection } from './FeeSection.tsx';
import { Field } from './Field.tsx';
import { ScanInput } from './ScanInput.tsx';
import { useIntake, type SaveOutcome } from './store.ts';
import { validateIntake } from './validate.ts';

const VEHICLE_CATEGORIES: readonly BusinessCategory[] = ['vehicle', 'traffic'];

function OutcomePanel({
  outcome,
  onNext,
  onPrint,
}: {
  outcome: SaveOutcome;
  onNext: () => void;
  onPrint: () => void;
}) {
  const { t } = useTranslation();
  const failed = outcome.printError !== null;
  const title = failed
    ? t('intake.printFailed', {
        reason: errorMessage(outcome.printError ?? { message: '', messageEn: '' }),
      })
    : outcome.pendingPrint
      ? t('intake.savedPendingPrint')
      : outcome.method === 'collect'
        ? t('intake.savedCollect')
        : t('intake.savedPrinted', { waybillNo: outcome.waybillNo ?? '' });
  return (
    <Card
      data-testid="intake-outcome"
      data-outcome={failed ? 'print-failed' : outcome.pendingPrint ? 'pending-print' : 'printed'}
    >
      <Result
        status={failed || outcome.pendingPrint ? 'warning' : 'success'}
        title={<span style={{ fontSize: 20 }}>{title}</span>}
        subTitle={
          <Space direction="vertical" size={2}>
            <Typography.Text>
              {t('records.acceptanceNo')}：
              <Typography.Text strong className="wp-mono">
                {outcome.acceptanceNo}
              </Typography.Text>
            </Typography.Text>
            {outcome.waybillNo && (
              <Typography.Text>
                {t('records.waybill')}：
                <Typography.Text strong className="wp-mono" data-testid="outcome-waybill">
                  {outcome.waybillNo}
                </Typography.Text>
              </Typography.Text>
            )}
          </Space>
        }
        extra={
          <Space>
            {(failed ||
              (!outcome.pendingPrint && !outcome.waybillPrinted && outcome.method === 'mail')) && (
              <Button icon={<PrinterOutlined />} onClick={onPrint} data-testid="outcome-print">
                {t('intake.print')}
                <span className="wp-kbd">F4</span>
              </Button>
            )}
            <Button
              type="primary"
              size="large"
              onClick={onNext}
              autoFocus
              data-testid="next-applicant"
            >
              {t('intake.nextApplicant')}
              <span className="wp-kbd">F2</span>
            </Button>
          </Space>
        }
      />
    </Card>
  );
}

export function IntakePage({ mode = 'intake' }: { mode?: 'intake' | 'vehicle' }) {
  const { t } = useTranslation();
  const { modal } = App.useApp();
  const session = useSession((s) => s.session);
  // Narrow subscriptions: a keystroke in one field must not re-render the whole form (a
  // scanner types a character every few milliseconds).
  const businessCode = useIntake((s) => s.draft.businessCode);
  const method = useIntake((s) => s.draft.delivery.method);
  const waybillNo = useIntake((s) => s.draft.waybillNo);
  const note = useIntake((s) => s.draft.note);
  const errors = useIntake((s) => s.errors);
  const saving = useIntake((s) => s.saving);
  const outcome = useIntake((s) => s.outcome);
  const { setErrors, setSaving, setOutcome, reset, update } = useIntake.getState();
  const slaConfig = useSlaConfig();
  const container = useRef<HTMLDivElement | null>(null);
  const [saveError, setSaveError] = useState<WaypostError | null>(null);
  const [showWaybillScan, setShowWaybillScan] = useState(false);
  const business = findBusiness(businessCode);
  const needsVehicle = mode === 'vehicle' || (business.ok && business.value.requiresVehicle);
  const errorCount = Object.keys(errors).length;

  // The vehicle screen starts on a vehicle business; the intake screen on none.
  useEffect(() => {
    const current = useIntake.getState().draft.businessCode;
    const fits = (code: BusinessCode | '') => {
      const found = findBusiness(code);
      return found.ok && VEHICLE_CATEGORIES.includes(found.value.category);
    };
    if (mode === 'vehicle' && !fits(current)) reset('PLATE_REPLACEMENT');
  }, [mode, reset]);

  const save = async () => {
    if (saving || !session) return;
    if (outcome) {
      next();
      return;
    }
    setSaveError(null);
    const current = useIntake.getState().draft;
    await prepareAddress(current.recipient.address.divisionCode);
    const checked = validateIntake(current, divisionsLookup);
    if (!checked.ok) {
      setErrors(checked.errors);
      requestAnimationFrame(() => {
        const first = container.current?.querySelector(
          '.ant-form-item-has-error, [data-field].has-error',
        );
        first?.scrollIntoView({ block: 'center', behavior: 'smooth' });
        first?.querySelector<HTMLElement>('input, .ant-select-selector')?.focus();
      });
      return;
    }
    setErrors({});
    setSaving(true);
    try {
      const saved = await saveIntake(checked.value, { session, slaConfig });
      if (!saved.ok) {
        if (saved.error.field) setErrors({ [saved.error.field]: saved.error });
        else setSaveError(saved.error);
        return;
      }
      setOutcome(saved.value);
    } finally {
      setSaving(false);
    }
  };

  const print = async () => {
    if (!outcome || !session) return;
    const printed = await printPendingLabels(outcome.applicationId, session);
    setOutcome({ ...outcome, ...printed });
  };

  const next = () => reset(mode === 'vehicle' ? businessCode || 'PLATE_REPLACEMENT' : undefined);

  const clear = () =>
    modal.confirm({
      title: t('intake.clearConfirm'),
      okText: t('intake.clear'),
      cancelText: t('common.cancel'),
      onOk: next,
    });

  useHotkeys({
    F2: () => void save(),
    F4: () => void print(),
    Escape: () => (outcome ? next() : clear()),
  });

  if (outcome) {
    return <OutcomePanel outcome={outcome} onNext={next} onPrint={() => void print()} />;
  }

  return (
    <div
      ref={container}
      onKeyDown={enterMovesNext}
      data-testid={`${mode}-page`}
      style={{ paddingBottom: 64 }}
    >
      {errorCount > 0 && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('intake.errorsTitle', { count: errorCount })}
          data-testid="intake-errors"
        />
      )}
      {saveError && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          title={errorMessage(saveError)}
          data-testid="intake-save-error"
        />
      )}
      <Form layout="vertical" component="div">
        <Row gutter={12} wrap={false}>
          <Col flex="1 1 0" style={{ minWidth: 0 }}>
            <Space direction="vertical" size={12} style={{ width: '100%' }}>
              {mode === 'vehicle' && <VehicleSection />}
              <BusinessSection categories={mode === 'vehicle' ? VEHICLE_CATEGORIES : undefined} />
              <ApplicantSection />
              {mode === 'intake' && needsVehicle && <VehicleSection />}
              <DeliverySection />
              <FeeSection />
            </Space>
          </Col>
          <Col flex="0 0 330px">
            <PhotoPanel />
            <Card size="small" title={t('intake.waybill')} style={{ marginTop: 12 }}>
              {method === 'collect' ? (
                <Typography.Text type="secondary">{t('delivery.collect')}</Typography.Text>
              ) : showWaybillScan || waybillNo ? (
                <Field path="waybillNo" label={t('intake.waybillScan')}>
                  <ScanInput
                    className="wp-mono"
                    value={waybillNo}
                    placeholder={t('intake.waybillScanPlaceholder')}
                    data-testid="waybill-scan"
                    onChange={(value) => update('waybillNo', (d) => (d.waybillNo = value))}
                  />
                </Field>
              ) : (
                <Space direction="vertical" size={4}>
                  <Typography.Text type="secondary">{t('intake.waybillAuto')}</Typography.Text>
                  <Button
                    type="link"
                    style={{ padding: 0 }}
                    data-enter-skip
                    onClick={() => setShowWaybillScan(true)}
                  >
                    {t('intake.waybillScan')}
                  </Button>
                </Space>
              )}
            </Card>
            <Card size="small" title={t('intake.note')} style={{ marginTop: 12 }}>
              <Field path="note" label={null}>
                <Input.TextArea
                  value={note}
                  rows={2}
                  maxLength={200}
                  onChange={(e) => update('note', (d) => (d.note = e.target.value))}
                />
              </Field>
            </Card>
          </Col>
        </Row>
      </Form>
      <div
        style={{
          position: 'sticky',
          bottom: -12,
          marginTop: 12,
          padding: '10px 12px',
          background: 'rgba(255,255,255,0.96)',
          borderTop: '1px solid #e8e8e8',
          display: 'flex',
          justifyContent: 'flex-end',
          gap: 12,
          zIndex: 5,
        }}
      >
        <Button icon={<ClearOutlined />} onClick={clear} data-testid="intake-clear">
          {t('intake.clear')}
          <span className="wp-kbd">Esc</span>
        </Button>
        <Button
          type="primary"
          size="large"
          icon={<SaveOutlined />}
          loading={saving}
          onClick={() => void save()}
          data-testid="intake-save"
        >
          {saving ? t('intake.saving') : t('intake.save')}
          <span className="wp-kbd">F2</span>
        </Button>
      </div>
    </div>
  );
}
