// The applicant: read the ID card (fills ID number, name and the chip photo), or type.
import { Alert, Button, Card, Row, Tag } from 'antd';
import { IdcardOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../i18n/index.ts';
import { readIdCard } from '../../app/data/devices.ts';
import type { WaypostError } from '../../../shared/result.ts';
import { InputField } from './InputField.tsx';
import { useIntake } from './store.ts';

export function ApplicantSection() {
  const { t } = useTranslation();
  const applicant = useIntake((s) => s.draft.applicant);
  const update = useIntake((s) => s.update);
  const [reading, setReading] = useState(false);
  const [readError, setReadError] = useState<WaypostError | null>(null);

  const read = async () => {
    setReading(true);
    setReadError(null);
    const result = await readIdCard();
    setReading(false);
    if (!result.ok) {
      setReadError(result.error);
      return;
    }
    const card = result.value;
    update('applicant', (d) => {
      d.applicant = { ...d.applicant, idNumber: card.idNumber, name: card.name, fromReader: true };
    });
  };

  return (
    <Card
      size="small"
      title={t('intake.sectionApplicant')}
      extra={
        <Button
          icon={<IdcardOutlined />}
          loading={reading}
          onClick={() => void read()}
          data-testid="read-id-card"
        >
          {reading ? t('intake.readingIdCard') : t('intake.readIdCard')}
          <span className="wp-kbd">F3</span>
        </Button>
      }
    >
      {readError && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={errorMessage(readError)}
          closable={{ onClose: () => setReadError(null) }}
        />
      )}
      <Row gutter={12}>
        <InputField
          span={10}
          path="applicant.idNumber"
          label={
            <span>
              {t('intake.idNumber')}
              {applicant.fromReader && (
                <Tag color="blue" style={{ marginLeft: 8 }}>
                  {t('intake.idCardRead')}
                </Tag>
              )}
            </span>
          }
          required
          mono
          value={applicant.idNumber}
          maxLength={22}
          placeholder={t('intake.idNumberPlaceholder')}
          autoComplete="off"
          testId="applicant-id"
          write={(d, text) => (d.applicant.idNumber = text)}
        />
        <InputField
          span={6}
          path="applicant.name"
          label={t('intake.name')}
          required
          value={applicant.name}
          maxLength={30}
          autoComplete="off"
          testId="applicant-name"
          write={(d, text) => (d.applicant.name = text)}
        />
        <InputField
          span={8}
          path="applicant.mobile"
          label={t('intake.mobile')}
          required
          mono
          value={applicant.mobile}
          maxLength={20}
          inputMode="tel"
          placeholder={t('intake.mobilePlaceholder')}
          autoComplete="off"
          testId="applicant-mobile"
          write={(d, text) => (d.applicant.mobile = text)}
        />
      </Row>
    </Card>
  );
}
