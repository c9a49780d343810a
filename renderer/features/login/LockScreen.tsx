// The idle/manual lock: covers the screen (personal data hidden) until the same staff member
// enters their password; "switch user" logs out instead.
import { Button, Card, Form, Input, Typography } from 'antd';
import { LockOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { WaypostError } from '../../../shared/result.ts';
import { logout, unlock } from '../../app/data/auth.ts';
import { errorMessage } from '../../i18n/index.ts';
import { useSession } from '../../stores/session.ts';
import { CenteredPage } from './CenteredPage.tsx';

export function LockScreen({ idleMinutes }: { idleMinutes: number }) {
  const { t } = useTranslation();
  const session = useSession((s) => s.session);
  const reason = useSession((s) => s.lockReason);
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<WaypostError | null>(null);
  const submit = async () => {
    setBusy(true);
    const result = await unlock(password);
    setBusy(false);
    setPassword('');
    setError(result.ok ? null : result.error);
  };
  return (
    <div style={{ position: 'fixed', inset: 0, zIndex: 2000 }} data-testid="lock-screen">
      <CenteredPage>
        <Card
          style={{ width: 380 }}
          title={
            <span>
              <LockOutlined /> {t('lock.title')}
            </span>
          }
        >
          {reason === 'idle' && (
            <Typography.Paragraph type="secondary">
              {t('lock.idle', { minutes: idleMinutes })}
            </Typography.Paragraph>
          )}
          <Typography.Paragraph>
            {t('lock.hint', { name: session?.name ?? '' })}
          </Typography.Paragraph>
          <Form layout="vertical" onFinish={() => void submit()}>
            <Form.Item
              validateStatus={error ? 'error' : undefined}
              help={error ? errorMessage(error) : undefined}
            >
              <Input.Password
                value={password}
                autoFocus
                autoComplete="current-password"
                data-testid="unlock-password"
                onChange={(e) => setPassword(e.target.value)}
              />
            </Form.Item>
            <Button
              type="primary"
              htmlType="submit"
              block
              size="large"
              loading={busy}
              data-testid="unlock-submit"
            >
              {t('lock.unlock')}
            </Button>
            <Button type="link" block style={{ marginTop: 8 }} onClick={() => void logout()}>
              {t('lock.switchUser')}
            </Button>
          </Form>
        </Card>
      </CenteredPage>
    </div>
  );
}
