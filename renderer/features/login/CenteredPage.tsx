// The frame of the screens before login: brand on the left, the form centred.
import { AuditOutlined } from '@ant-design/icons';
import { Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { BRAND_GREEN } from '../../app/theme.ts';

export function CenteredPage({ children, footer }: { children: ReactNode; footer?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div
      style={{
        height: '100%',
        display: 'flex',
        flexDirection: 'column',
        background: `linear-gradient(135deg, ${BRAND_GREEN} 0%, #0b3d2c 100%)`,
      }}
    >
      <div
        style={{
          padding: '20px 28px',
          color: '#fff',
          display: 'flex',
          alignItems: 'center',
          gap: 10,
        }}
      >
        <AuditOutlined style={{ fontSize: 28 }} />
        <Typography.Title level={3} style={{ color: '#fff', margin: 0 }}>
          {t('app.fullName')}
        </Typography.Title>
      </div>
      <div style={{ flex: 1, display: 'grid', placeItems: 'center', padding: 16 }}>{children}</div>
      {footer && (
        <div style={{ padding: '8px 28px', color: 'rgba(255,255,255,0.8)' }}>{footer}</div>
      )}
    </div>
  );
}
