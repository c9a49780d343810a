// Staff login: online against the server, or offline for staff who logged in here before.
import { Alert, Button, Card, Form, Input, Space, Tag, Typography } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { WaypostError } from '../../../shared/result.ts';
import { login, type DeviceState } from '../../app/data/auth.ts';
import { errorMessage } from '../../i18n/index.ts';
import { CenteredPage } from './CenteredPage.tsx';

export function LoginPage({ device }: { device: DeviceState }) {
  const { t } = useTranslation();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<WaypostError | null>(null);
  const [online, setOnline] = useState(navigator.onLine);

  useEffect(() => {
    const update = () => setOnline(navigator.onLine);
    window.addEventListener('online', update);
    window.addEventListener('offline', update);
    return () => {
      window.removeEventListener('online', update);
      window.removeEventListener('offline', update);
    };
  }, []);

  const submit = async () => {
    setBusy(true);
    setError(null);
    const result = await login({ username, password });
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      setPassword('');
    }
  };

  const fieldError = (field: string) =>
    error && error.field === field
      ? {
          validateStatus: 'error' as const,
          help: <span data-testid="login-error">{errorMessage(error)}</span>,
        }
      : {};

  return (
    <CenteredPage
      footer={
        <Space size={16}>
          <span>
            {t('login.device')}：{device.stationName ?? device.stationId}
          </span>
          <span className="wp-mono">{device.deviceId}</span>
        </Space>
      }
    >
      <Card title={t('login.title')} style={{ width: 400 }} data-testid="login-page">
        <Tag color={online ? 'green' : 'orange'} style={{ marginBottom: 16, whiteSpace: 'normal' }}>
          {online ? t('login.online') : t('login.offline')}
        </Tag>
        <Form layout="vertical" onFinish={() => void submit()}>
          <Form.Item label={t('login.username')} required {...fieldError('username')}>
            <Input
              prefix={<UserOutlined />}
              value={username}
              autoFocus
              autoComplete="username"
              data-testid="login-username"
              onChange={(e) => setUsername(e.target.value)}
            />
          </Form.Item>
          <Form.Item label={t('login.password')} required {...fieldError('password')}>
            <Input.Password
              prefix={<LockOutlined />}
              value={password}
              autoComplete="current-password"
              data-testid="login-password"
              onChange={(e) => setPassword(e.target.value)}
            />
          </Form.Item>
          {error && error.field !== 'username' && error.field !== 'password' && (
            <Alert
              type="error"
              showIcon
              title={<span data-testid="login-error">{errorMessage(error)}</span>}
              style={{ marginBottom: 16 }}
            />
          )}
          <Button
            type="primary"
            htmlType="submit"
            block
            size="large"
            loading={busy}
            data-testid="login-submit"
          >
            {busy ? t('login.working') : t('login.submit')}
          </Button>
        </Form>
        <Typography.Paragraph
          type="secondary"
          style={{ marginTop: 12, marginBottom: 0, fontSize: 12 }}
        >
          {device.serverUrl}
        </Typography.Paragraph>
      </Card>
    </CenteredPage>
  );
}
