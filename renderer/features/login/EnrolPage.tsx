// First run: enrol this device. Step 1 saves the server address (the page reloads so the
// security policy lets it talk to that server); step 2 exchanges the one-time code.
import { Alert, Button, Card, Form, Input, Steps, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { WaypostError } from '../../../shared/result.ts';
import { enrolDevice, setServerUrl, type DeviceState } from '../../app/data/auth.ts';
import { errorMessage } from '../../i18n/index.ts';
import { CenteredPage } from './CenteredPage.tsx';

export function EnrolPage({
  savedServerUrl,
  onEnrolled,
}: {
  savedServerUrl: string | null;
  onEnrolled: (state: DeviceState) => void;
}) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(savedServerUrl === null);
  const [serverUrl, setUrl] = useState(savedServerUrl ?? '');
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<WaypostError | null>(null);

  const saveUrl = async () => {
    setBusy(true);
    setError(null);
    const result = await setServerUrl(serverUrl);
    setBusy(false);
    if (!result.ok) setError({ ...result.error, field: 'serverUrl' });
    else setEditing(false);
  };

  const enrol = async () => {
    setBusy(true);
    setError(null);
    const result = await enrolDevice(code);
    setBusy(false);
    if (result.ok) onEnrolled(result.value);
    else setError(result.error);
  };

  const fieldError = (field: string) =>
    error && error.field === field
      ? {
          validateStatus: 'error' as const,
          help: <span data-testid="enrol-error">{errorMessage(error)}</span>,
        }
      : {};

  return (
    <CenteredPage>
      <Card title={t('enrol.title')} style={{ width: 480 }} data-testid="enrol-page">
        <Typography.Paragraph type="secondary">{t('enrol.intro')}</Typography.Paragraph>
        <Steps
          size="small"
          current={editing ? 0 : 1}
          style={{ marginBottom: 20 }}
          items={[{ title: t('enrol.serverUrl') }, { title: t('enrol.code') }]}
        />
        {editing ? (
          <Form layout="vertical" onFinish={() => void saveUrl()}>
            <Form.Item label={t('enrol.serverUrl')} required {...fieldError('serverUrl')}>
              <Input
                value={serverUrl}
                autoFocus
                placeholder={t('enrol.serverUrlPlaceholder')}
                data-testid="enrol-server"
                onChange={(e) => setUrl(e.target.value)}
              />
            </Form.Item>
            <Button
              type="primary"
              htmlType="submit"
              block
              size="large"
              loading={busy}
              data-testid="enrol-next"
            >
              {t('common.next')}
            </Button>
          </Form>
        ) : (
          <Form layout="vertical" onFinish={() => void enrol()}>
            <Form.Item label={t('enrol.serverUrl')} {...fieldError('serverUrl')}>
              <Typography.Text className="wp-mono" data-testid="enrol-server-saved">
                {savedServerUrl ?? serverUrl}
              </Typography.Text>{' '}
              <Button type="link" size="small" onClick={() => setEditing(true)}>
                {t('common.edit')}
              </Button>
            </Form.Item>
            <Form.Item label={t('enrol.code')} required {...fieldError('code')}>
              <Input
                value={code}
                autoFocus
                className="wp-mono"
                placeholder={t('enrol.codePlaceholder')}
                data-testid="enrol-code"
                onChange={(e) => setCode(e.target.value)}
              />
            </Form.Item>
            {error && !error.field && (
              <Alert
                type="error"
                showIcon
                title={errorMessage(error)}
                style={{ marginBottom: 16 }}
              />
            )}
            <Button
              type="primary"
              htmlType="submit"
              block
              size="large"
              loading={busy}
              data-testid="enrol-submit"
            >
              {busy ? t('enrol.working') : t('enrol.submit')}
            </Button>
          </Form>
        )}
      </Card>
    </CenteredPage>
  );
}
