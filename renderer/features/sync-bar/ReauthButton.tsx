// After an offline login the network came back: one password entry logs in online so the
// waiting records can upload.
import { Button, Input, Popover, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { reauthenticate } from '../../app/data/auth.ts';
import { errorMessage } from '../../i18n/index.ts';

export function ReauthButton() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    const result = await reauthenticate(password);
    setPassword('');
    if (result.ok) setOpen(false);
    else setError(errorMessage(result.error));
  };
  return (
    <Popover
      open={open}
      onOpenChange={setOpen}
      trigger="click"
      title={t('sync.reauthTitle')}
      content={
        <Space direction="vertical" style={{ width: 260 }}>
          <Input.Password
            data-testid="reauth-password"
            value={password}
            autoFocus
            onChange={(e) => setPassword(e.target.value)}
            onPressEnter={() => void submit()}
          />
          {error && <Typography.Text type="danger">{error}</Typography.Text>}
          <Button type="primary" block onClick={() => void submit()}>
            {t('login.submit')}
          </Button>
        </Space>
      }
    >
      <Button size="small" type="primary" data-testid="reauth">
        {t('sync.reauth')}
      </Button>
    </Popover>
  );
}
