// One line of the shift-start checklist: state icon, what is checked, the finding, an action.
import {
  CheckCircleFilled,
  CloseCircleFilled,
  ExclamationCircleFilled,
  LoadingOutlined,
} from '@ant-design/icons';
import { Space, Typography } from 'antd';
import type { ReactNode } from 'react';
import type { CheckLevel } from './reconciliation.ts';

const ICON: Record<CheckLevel | 'pending', ReactNode> = {
  ok: <CheckCircleFilled style={{ color: '#52c41a' }} />,
  warn: <ExclamationCircleFilled style={{ color: '#faad14' }} />,
  bad: <CloseCircleFilled style={{ color: '#ff4d4f' }} />,
  pending: <LoadingOutlined />,
};

export function CheckRow({
  level,
  label,
  value,
  hint,
  action,
  testId,
}: {
  level: CheckLevel | 'pending';
  label: string;
  value: ReactNode;
  hint?: string | null;
  action?: ReactNode;
  testId: string;
}) {
  return (
    <div
      data-testid={testId}
      data-level={level}
      style={{
        display: 'flex',
        alignItems: 'center',
        gap: 16,
        padding: '14px 8px',
        borderBottom: '1px solid #f0f0f0',
        minHeight: 64,
      }}
    >
      <span style={{ fontSize: 26 }}>{ICON[level]}</span>
      <div style={{ width: 160, flex: 'none' }}>
        <Typography.Text strong style={{ fontSize: 16 }}>
          {label}
        </Typography.Text>
      </div>
      <Space direction="vertical" size={0} style={{ flex: 1, minWidth: 0 }}>
        <Typography.Text style={{ fontSize: 16 }}>{value}</Typography.Text>
        {hint && (
          <Typography.Text type={level === 'bad' ? 'danger' : 'warning'}>{hint}</Typography.Text>
        )}
      </Space>
      {action}
    </div>
  );
}
