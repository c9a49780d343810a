// Business type (searchable, grouped by category), acceptance number (scanner-ready), priority.
import { Card, Col, Radio, Row, Select, Tag } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import {
  BUSINESS_CATALOGUE,
  BUSINESS_CATEGORIES,
  type BusinessCategory,
  type BusinessCode,
} from '../../../shared/catalogue/index.ts';
import { usePreferences } from '../../stores/preferences.ts';
import { fenToYuan, impliedPriority, PRIORITIES } from './draft.ts';
import { Field } from './Field.tsx';
import { ScanInput } from './ScanInput.tsx';
import { useIntake } from './store.ts';

export function BusinessSection({ categories }: { categories?: readonly BusinessCategory[] }) {
  const { t } = useTranslation();
  const english = usePreferences((s) => s.language === 'en');
  const businessCode = useIntake((s) => s.draft.businessCode);
  const acceptanceNo = useIntake((s) => s.draft.acceptanceNo);
  const priority = useIntake((s) => s.draft.priority);
  const update = useIntake((s) => s.update);
  const scanned = useIntake((s) => s.scanned.acceptanceNo === true);
  const markScanned = useIntake((s) => s.markScanned);

  const options = useMemo(() => {
    const groups = new Map<BusinessCategory, { label: string; value: BusinessCode }[]>();
    for (const entry of BUSINESS_CATALOGUE) {
      if (categories && !categories.includes(entry.category)) continue;
      const list = groups.get(entry.category) ?? [];
      list.push({ label: english ? entry.nameEn : entry.nameZh, value: entry.code });
      groups.set(entry.category, list);
    }
    return [...groups].map(([category, list]) => ({
      label: english ? BUSINESS_CATEGORIES[category].nameEn : BUSINESS_CATEGORIES[category].nameZh,
      options: list,
    }));
  }, [categories, english]);

  return (
    <Card size="small" title={t('intake.sectionBusiness')}>
      <Row gutter={12}>
        <Col flex="1 1 240px">
          <Field path="businessCode" label={t('intake.business')} required>
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              autoFocus
              value={businessCode || undefined}
              placeholder={t('intake.businessPlaceholder')}
              options={options}
              data-testid="business-select"
              popupMatchSelectWidth={false}
              listHeight={360}
              onChange={(code: BusinessCode) =>
                update('businessCode', (d) => {
                  d.businessCode = code;
                  const fee = BUSINESS_CATALOGUE.find((b) => b.code === code)?.defaultFeeFen;
                  if (d.fee.amountYuan === '' && fee !== undefined)
                    d.fee.amountYuan = fenToYuan(fee);
                  d.priority =
                    impliedPriority(code) ?? (d.priority === 'normal' ? 'normal' : d.priority);
                })
              }
            />
          </Field>
        </Col>
        <Col flex="0 1 230px">
          <Field
            path="acceptanceNo"
            label={
              <span>
                {t('intake.acceptanceNo')}
                {scanned && (
                  <Tag color="green" style={{ marginLeft: 8 }}>
                    {t('intake.scanned')}
                  </Tag>
                )}
              </span>
            }
            required
          >
            <ScanInput
              className="wp-mono"
              value={acceptanceNo}
              placeholder={t('intake.acceptanceNoPlaceholder')}
              maxLength={40}
              data-testid="acceptance-no"
              onChange={(value) => update('acceptanceNo', (d) => (d.acceptanceNo = value))}
              onScan={() => markScanned('acceptanceNo')}
            />
          </Field>
        </Col>
        <Col flex="none">
          <Field path="priority" label={t('intake.priority')}>
            <Radio.Group
              value={priority}
              optionType="button"
              buttonStyle="solid"
              data-testid="priority"
              style={{ whiteSpace: 'nowrap' }}
              onChange={(e) => update('priority', (d) => (d.priority = e.target.value))}
              options={PRIORITIES.map((p) => ({ value: p, label: t(`priority.${p}`) }))}
            />
          </Field>
        </Col>
      </Row>
    </Card>
  );
}
