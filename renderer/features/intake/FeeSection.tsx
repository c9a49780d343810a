// Fee (defaults to the catalogue's document fee where there is one) and payment method.
import { Card, Col, Input, Radio, Row } from 'antd';
import { useTranslation } from 'react-i18next';
import { PAYMENTS } from './draft.ts';
import { Field } from './Field.tsx';
import { useIntake } from './store.ts';

export function FeeSection() {
  const { t } = useTranslation();
  const fee = useIntake((s) => s.draft.fee);
  const update = useIntake((s) => s.update);
  return (
    <Card size="small" title={t('intake.sectionFee')}>
      <Row gutter={12}>
        <Col flex="160px">
          <Field path="fee.amountYuan" label={t('intake.fee')}>
            <Input
              value={fee.amountYuan}
              inputMode="decimal"
              suffix={t('common.yuan')}
              maxLength={9}
              data-testid="fee-amount"
              onChange={(e) => update('fee.amountYuan', (d) => (d.fee.amountYuan = e.target.value))}
            />
          </Field>
        </Col>
        <Col flex="auto">
          <Field path="fee.payment" label={t('intake.payment')} required>
            <Radio.Group
              value={fee.payment || undefined}
              optionType="button"
              data-testid="payment"
              onChange={(e) => update('fee.payment', (d) => (d.fee.payment = e.target.value))}
              options={PAYMENTS.map((p) => ({ value: p, label: t(`payment.${p}`) }))}
            />
          </Field>
        </Col>
      </Row>
    </Card>
  );
}
