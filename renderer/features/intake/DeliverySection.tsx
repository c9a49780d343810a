// Mail or collect; the one-tap reason when mailing is declined; recipient and address; the
// delivery tier and promised time, shown as soon as the address is chosen.
import {
  Button,
  Card,
  Checkbox,
  Col,
  Input,
  Row,
  Segmented,
  Select,
  Space,
  Tag,
  Typography,
} from 'antd';
import { useTranslation } from 'react-i18next';
import { useMemo } from 'react';
import { SLA_TIERS as TIERS } from '../../../shared/sla/index.ts';
import { DECLINE_REASONS, type SlaTierCode } from './draft.ts';
import { Field } from './Field.tsx';
import { InputField } from './InputField.tsx';
import { AddressPicker } from './AddressPicker.tsx';
import { deliveryPromise, divisionsLookup } from './address.ts';
import { checkAddress } from './validate.ts';
import { useIntake } from './store.ts';
import { formatDateTime } from '../../app/format.ts';
import { useSlaConfig } from '../../app/data/config.ts';

export function DeliverySection() {
  const { t } = useTranslation();
  const delivery = useIntake((s) => s.draft.delivery);
  const recipient = useIntake((s) => s.draft.recipient);
  const tierOverride = useIntake((s) => s.draft.tierOverride);
  const update = useIntake((s) => s.update);
  const setErrors = useIntake((s) => s.setErrors);
  const addressError = useIntake((s) => s.errors['recipient.address']);
  const slaConfig = useSlaConfig();

  const promise = useMemo(
    () =>
      deliveryPromise(
        recipient.address.divisionCode,
        Date.now(),
        slaConfig,
        tierOverride || undefined,
      ),
    [recipient.address.divisionCode, tierOverride, slaConfig],
  );

  return (
    <Card size="small" title={t('intake.sectionDelivery')}>
      <Field path="delivery.method" label={t('intake.method')}>
        <Segmented
          value={delivery.method}
          data-testid="delivery-method"
          options={[
            { value: 'mail', label: t('delivery.mail') },
            { value: 'collect', label: t('delivery.collect') },
          ]}
          onChange={(value) =>
            update('delivery', (d) => {
              d.delivery.method = value === 'collect' ? 'collect' : 'mail';
            })
          }
        />
      </Field>
      {delivery.method === 'collect' ? (
        <Field path="delivery.declineReason" label={t('intake.declineReason')} required>
          <Space wrap size={8} data-testid="decline-reasons">
            {DECLINE_REASONS.map((reason) => (
              <Button
                key={reason}
                type={delivery.declineReason === reason ? 'primary' : 'default'}
                onClick={() =>
                  update('delivery.declineReason', (d) => (d.delivery.declineReason = reason))
                }
              >
                {t(`decline.${reason}`)}
              </Button>
            ))}
          </Space>
        </Field>
      ) : (
        <>
          <Checkbox
            checked={recipient.sameAsApplicant}
            style={{ marginBottom: 12 }}
            data-testid="recipient-same"
            onChange={(e) =>
              update(
                'recipient.sameAsApplicant',
                (d) => (d.recipient.sameAsApplicant = e.target.checked),
              )
            }
          >
            {t('intake.sameAsApplicant')}
          </Checkbox>
          {!recipient.sameAsApplicant && (
            <Row gutter={12}>
              <InputField
                span={10}
                path="recipient.name"
                label={t('intake.recipientName')}
                required
                value={recipient.name}
                maxLength={30}
                testId="recipient-name"
                write={(d, text) => (d.recipient.name = text)}
              />
              <InputField
                span={14}
                path="recipient.mobile"
                label={t('intake.recipientMobile')}
                required
                mono
                value={recipient.mobile}
                maxLength={20}
                testId="recipient-mobile"
                write={(d, text) => (d.recipient.mobile = text)}
              />
            </Row>
          )}
          <Field path="recipient.address" label={t('intake.address')} required>
            <AddressPicker
              value={recipient.address.divisionCode}
              status={addressError ? 'error' : undefined}
              onChange={(choice) =>
                update('recipient.address', (d) => {
                  d.recipient.address = { detail: d.recipient.address.detail, ...choice };
                })
              }
              onUnknown={(text) =>
                update('recipient.address', (d) => {
                  d.recipient.address = {
                    divisionCode: '',
                    names: {},
                    detail: d.recipient.address.detail,
                    unknownText: text,
                  };
                })
              }
              onUnknownChecked={() => {
                const checked = checkAddress(
                  useIntake.getState().draft.recipient.address,
                  divisionsLookup,
                );
                if (!checked.ok)
                  setErrors({ ...useIntake.getState().errors, 'recipient.address': checked.error });
              }}
            />
          </Field>
          <Field path="recipient.detail" label={t('intake.detail')} required>
            <Input
              value={recipient.address.detail}
              maxLength={120}
              placeholder={t('intake.detailPlaceholder')}
              data-testid="address-detail"
              onChange={(e) =>
                update('recipient.detail', (d) => (d.recipient.address.detail = e.target.value))
              }
            />
          </Field>
          <Row gutter={12} align="middle" data-testid="sla-hint">
            <Col>
              <Typography.Text type="secondary">{t('intake.tier')}</Typography.Text>{' '}
              {promise ? (
                <Tag color="blue" data-testid="sla-tier">
                  {t(`tier.${promise.tier}`)}
                </Tag>
              ) : (
                <Typography.Text type="secondary">—</Typography.Text>
              )}
            </Col>
            <Col>
              <Typography.Text type="secondary">{t('intake.due')}</Typography.Text>{' '}
              {promise ? (
                <Typography.Text strong data-testid="sla-due">
                  {formatDateTime(promise.dueAt)}（{t('intake.dueHint', { hours: promise.hours })}）
                </Typography.Text>
              ) : (
                <Typography.Text type="secondary">—</Typography.Text>
              )}
            </Col>
            <Col flex="auto" style={{ textAlign: 'right' }}>
              <Select<SlaTierCode | ''>
                style={{ width: 150 }}
                value={tierOverride}
                data-enter-skip
                onChange={(value) => update('tierOverride', (d) => (d.tierOverride = value))}
                options={[
                  { value: '', label: t('intake.tierOverride') },
                  ...TIERS.map((tier) => ({ value: tier, label: t(`tier.${tier}`) })),
                ]}
              />
            </Col>
          </Row>
        </>
      )}
    </Card>
  );
}
