// 电话查询: a caller gives the acceptance number and date of birth; staff read back the
// masked progress. Online it asks the central server; offline it reads this device.
import {
  Alert,
  Button,
  Card,
  Descriptions,
  Form,
  Input,
  Space,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { SearchOutlined } from '@ant-design/icons';
import { useState } from 'react';
import type { WaypostError } from '../../../../shared/result.ts';
import { enquire, isBirthDate, type EnquiryResult } from '../data/enquiry.ts';
import { useAfterIntakeText } from '../i18n/index.ts';
import { time } from '../common/format.ts';

export function EnquiryPage() {
  const { m, lang } = useAfterIntakeText();
  const [form] = Form.useForm<{ acceptanceNo: string; birthDate: string }>();
  const [result, setResult] = useState<EnquiryResult | null>(null);
  const [error, setError] = useState<WaypostError | null>(null);
  const [offline, setOffline] = useState(false);
  const [busy, setBusy] = useState(false);

  const search = async () => {
    const { acceptanceNo, birthDate } = await form.validateFields();
    setBusy(true);
    try {
      const answer = await enquire(acceptanceNo.trim(), birthDate.trim());
      setOffline(answer.offline === true);
      if (answer.ok) {
        setResult(answer.value);
        setError(null);
      } else {
        setResult(null);
        setError(answer.error);
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <div
      style={{
        display: 'grid',
        gridTemplateColumns: 'minmax(320px, 400px) 1fr',
        gap: 16,
        alignItems: 'start',
      }}
    >
      <Card title={m.enquiry.title} size="small">
        <Typography.Paragraph type="secondary">{m.enquiry.hint}</Typography.Paragraph>
        <Form
          form={form}
          layout="vertical"
          onFinish={() => void search()}
          initialValues={{ acceptanceNo: '', birthDate: '' }}
        >
          <Form.Item
            name="acceptanceNo"
            label={m.common.acceptanceNo}
            rules={[{ required: true, whitespace: true, message: m.enquiry.acceptanceRequired }]}
          >
            <Input size="large" autoFocus autoComplete="off" data-testid="enquiry-acceptance-no" />
          </Form.Item>
          <Form.Item
            name="birthDate"
            label={m.enquiry.birthDate}
            rules={[
              {
                validator: (_, v: string) =>
                  isBirthDate((v ?? '').trim())
                    ? Promise.resolve()
                    : Promise.reject(new Error(m.enquiry.birthDateInvalid)),
              },
            ]}
          >
            <Input
              size="large"
              maxLength={8}
              inputMode="numeric"
              autoComplete="off"
              placeholder="19900307"
              data-testid="enquiry-birth-date"
            />
          </Form.Item>
          <Button
            type="primary"
            size="large"
            htmlType="submit"
            icon={<SearchOutlined />}
            loading={busy}
            block
            data-testid="enquiry-submit"
          >
            {m.common.search}
          </Button>
        </Form>
      </Card>
      <Space orientation="vertical" style={{ width: '100%' }}>
        {offline && <Alert type="warning" showIcon title={m.enquiry.offline} />}
        {error && (
          <Alert
            type="error"
            showIcon
            title={lang === 'en' ? error.messageEn : error.message}
            data-testid="enquiry-error"
          />
        )}
        {result && (
          <Card
            size="small"
            data-testid="enquiry-result"
            title={
              <Space>
                <span>{result.acceptanceNo}</span>
                <Tag color="blue" data-testid="enquiry-status">
                  {lang === 'en' ? result.status.labelEn : result.status.label}
                </Tag>
                <Tag>
                  {m.common.source}:{' '}
                  {result.source === 'server' ? m.common.sourceServer : m.common.sourceLocal}
                </Tag>
              </Space>
            }
          >
            <Descriptions size="small" column={2}>
              <Descriptions.Item label={m.common.business}>
                {lang === 'en' ? result.business.nameEn : result.business.name}
              </Descriptions.Item>
              <Descriptions.Item label={m.common.waybillNo}>
                {result.waybillNo ?? '—'}
              </Descriptions.Item>
              <Descriptions.Item label={m.enquiry.recipient}>
                {result.recipient ? `${result.recipient.name} ${result.recipient.address}` : '—'}
              </Descriptions.Item>
              <Descriptions.Item label={m.enquiry.dueAt}>
                {result.dueAt ? time(result.dueAt) : '—'}
              </Descriptions.Item>
            </Descriptions>
            <Typography.Title level={5}>{m.enquiry.timeline}</Typography.Title>
            <Timeline
              items={result.events.map((e) => ({
                content: `${time(e.at)}  ${lang === 'en' ? e.labelEn : e.label}${e.place ? ` · ${e.place}` : ''}`,
              }))}
            />
          </Card>
        )}
      </Space>
    </div>
  );
}
