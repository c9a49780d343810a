// 号牌登记: plate (kind recognised as typed; temporary plates need the clerk's tick), plate
// type, VIN with its check digit, engine number, owner, and the number rubbings.
import { Button, Card, Checkbox, Col, Row, Select, Space, Tag, Typography } from 'antd';
import { ScanOutlined } from '@ant-design/icons';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  isTemporaryPlateCandidate,
  parsePlate,
  parseVin,
} from '../../../shared/validation/index.ts';
import { usePreferences } from '../../stores/preferences.ts';
import { Field } from '../intake/Field.tsx';
import { InputField } from '../intake/InputField.tsx';
import { useIntake } from '../intake/store.ts';
import { useObjectUrls } from '../photos/DocumentScan.tsx';
import { RubbingCapture } from '../photos/RubbingCapture.tsx';
import { PLATE_TYPES, suggestedPlateType } from './plate-types.ts';

export function VehicleSection() {
  const { t } = useTranslation();
  const english = usePreferences((s) => s.language === 'en');
  const vehicle = useIntake((s) => s.draft.vehicle);
  const rubbings = useIntake((s) => s.draft.rubbings);
  const update = useIntake((s) => s.update);
  const [capturing, setCapturing] = useState(false);
  const urls = useObjectUrls(rubbings);

  const plateInfo = useMemo(() => {
    const parsed = parsePlate(vehicle.plate);
    if (parsed.ok) return { kind: parsed.value.kind, temporary: false } as const;
    return isTemporaryPlateCandidate(vehicle.plate)
      ? ({ kind: 'temporary', temporary: true } as const)
      : null;
  }, [vehicle.plate]);
  const vinOk = vehicle.vin.trim().length === 17 && parseVin(vehicle.vin).ok;

  return (
    <Card size="small" title={t('intake.sectionVehicle')} data-testid="vehicle-section">
      <Row gutter={12}>
        <InputField
          span={8}
          path="vehicle.plate"
          required
          label={
            <span>
              {t('vehicle.plate')}
              {plateInfo && (
                <Tag
                  color={plateInfo.temporary ? 'orange' : 'blue'}
                  style={{ marginLeft: 8 }}
                  data-testid="plate-kind"
                >
                  {t(`plateKind.${plateInfo.kind}`)}
                </Tag>
              )}
            </span>
          }
          mono
          value={vehicle.plate}
          maxLength={12}
          placeholder={t('vehicle.platePlaceholder')}
          testId="vehicle-plate"
          write={(d, text) => {
            d.vehicle.plate = text;
            d.vehicle.temporaryConfirmed = false;
            const parsed = parsePlate(text);
            const kind = parsed.ok
              ? parsed.value.kind
              : isTemporaryPlateCandidate(text)
                ? 'temporary'
                : null;
            const suggested = kind ? suggestedPlateType(kind) : undefined;
            if (suggested && !d.vehicle.plateType) d.vehicle.plateType = suggested;
          }}
        />
        <Col span={7}>
          <Field path="vehicle.plateType" label={t('vehicle.plateType')} required>
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              value={vehicle.plateType || undefined}
              data-testid="vehicle-plate-type"
              onChange={(value: string) =>
                update('vehicle.plateType', (d) => (d.vehicle.plateType = value))
              }
              options={PLATE_TYPES.map((p) => ({
                value: p.code,
                label: `${p.code} ${english ? p.nameEn : p.nameZh}`,
              }))}
            />
          </Field>
        </Col>
        <InputField
          span={9}
          path="vehicle.engineNo"
          label={t('vehicle.engineNo')}
          required
          mono
          value={vehicle.engineNo}
          maxLength={32}
          testId="vehicle-engine"
          write={(d, text) => (d.vehicle.engineNo = text)}
        />
      </Row>
      {plateInfo?.temporary && (
        <Checkbox
          checked={vehicle.temporaryConfirmed}
          style={{ marginBottom: 12 }}
          data-testid="plate-temporary-confirm"
          onChange={(e) =>
            update('vehicle.plate', (d) => (d.vehicle.temporaryConfirmed = e.target.checked))
          }
        >
          {t('vehicle.temporaryConfirm')}
        </Checkbox>
      )}
      <Row gutter={12}>
        <InputField
          span={12}
          path="vehicle.vin"
          label={t('vehicle.vin')}
          required
          mono
          value={vehicle.vin}
          maxLength={17}
          placeholder={t('vehicle.vinPlaceholder')}
          suffix={
            vinOk ? (
              <Tag color="green" style={{ marginInlineEnd: 0 }}>
                ✓
              </Tag>
            ) : (
              <span />
            )
          }
          testId="vehicle-vin"
          write={(d, text) => (d.vehicle.vin = text.toUpperCase())}
        />
        <Col span={12}>
          <Field
            path="vehicle.ownerName"
            label={t('vehicle.owner')}
            alsoPaths={['vehicle.ownerIdNumber']}
          >
            <Checkbox
              checked={vehicle.ownerSameAsApplicant}
              data-testid="owner-same"
              onChange={(e) =>
                update(
                  'vehicle.ownerName',
                  (d) => (d.vehicle.ownerSameAsApplicant = e.target.checked),
                )
              }
            >
              {t('vehicle.ownerSame')}
            </Checkbox>
          </Field>
        </Col>
      </Row>
      {!vehicle.ownerSameAsApplicant && (
        <Row gutter={12}>
          <InputField
            span={12}
            path="vehicle.ownerName"
            label={t('vehicle.ownerName')}
            required
            value={vehicle.ownerName}
            maxLength={30}
            testId="owner-name"
            write={(d, text) => (d.vehicle.ownerName = text)}
          />
          <InputField
            span={12}
            path="vehicle.ownerIdNumber"
            label={t('vehicle.ownerId')}
            mono
            value={vehicle.ownerIdNumber}
            maxLength={22}
            testId="owner-id"
            write={(d, text) => (d.vehicle.ownerIdNumber = text)}
          />
        </Row>
      )}
      <Space align="center" wrap>
        <Button
          icon={<ScanOutlined />}
          onClick={() => setCapturing(true)}
          data-testid="capture-rubbing"
        >
          {t('rubbing.capture')}
        </Button>
        <Typography.Text type="secondary" data-testid="rubbing-count">
          {rubbings.length ? t('rubbing.count', { count: rubbings.length }) : t('rubbing.none')}
        </Typography.Text>
        {rubbings.map((r) => (
          <div key={r.localId} style={{ textAlign: 'center' }}>
            <img
              src={urls.get(r.localId)}
              alt=""
              style={{ height: 40, maxWidth: 160, border: '1px solid #d9d9d9' }}
            />
            <div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {r.kind === 'vin_rubbing' ? t('rubbing.vin') : t('rubbing.engine')}
              </Typography.Text>
            </div>
          </div>
        ))}
      </Space>
      <RubbingCapture
        open={capturing}
        onClose={() => setCapturing(false)}
        onAccept={(image) => {
          update('rubbings', (d) => (d.rubbings = [...d.rubbings, image]));
          setCapturing(false);
        }}
      />
    </Card>
  );
}
