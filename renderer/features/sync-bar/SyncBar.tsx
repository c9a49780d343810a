// The sync bar under every screen: connection, what waits to upload, when we last synced, and
// any problem in plain words with what to do. Clicking a rejection opens the list to fix.
import { Badge, Button, Layout, Progress, Space, Typography } from 'antd';
import { CloudUploadOutlined, ExclamationCircleOutlined } from '@ant-design/icons';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSyncView } from '../../app/data/sync.ts';
import { errorMessage } from '../../i18n/index.ts';
import { formatTime } from '../../app/format.ts';
import { useNavigation } from '../../stores/navigation.ts';
import { useSession } from '../../stores/session.ts';
import { ageParts, syncBarLine } from './model.ts';
import { ReauthButton } from './ReauthButton.tsx';

export function SyncBar() {
  const { t } = useTranslation();
  const view = useSyncView();
  const go = useNavigation((s) => s.go);
  const offlineSession = useSession((s) => s.session?.mode === 'offline');
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), 30_000);
    return () => window.clearInterval(timer);
  }, []);
  const line = syncBarLine(view);
  const age = view.lastSyncAt ? ageParts(view.lastSyncAt, now) : null;

  return (
    <Layout.Footer
      data-testid="sync-bar"
      data-connection={view.connection}
      style={{
        padding: '6px 16px',
        background:
          line.tone === 'error' ? '#fff1f0' : line.tone === 'warning' ? '#fffbe6' : '#fafafa',
        borderTop: '1px solid #e8e8e8',
        display: 'flex',
        alignItems: 'center',
        gap: 16,
        minHeight: 36,
        whiteSpace: 'nowrap',
        overflow: 'hidden',
      }}
    >
      <Badge status={line.tone} text={<span data-testid="sync-state">{t(line.stateKey)}</span>} />
      <Space size={4}>
        <CloudUploadOutlined />
        <Typography.Text data-testid="sync-pending">
          {view.pending > 0
            ? t('sync.pending', { count: view.pending })
            : view.issueCount > 0
              ? t('sync.restSynced')
              : t('sync.allSynced')}
        </Typography.Text>
      </Space>
      {view.mediaPending > 0 && (
        <Typography.Text>{t('sync.mediaPending', { count: view.mediaPending })}</Typography.Text>
      )}
      <Typography.Text type="secondary" data-testid="sync-last">
        {view.lastSyncAt
          ? `${t('sync.lastSync', { time: formatTime(view.lastSyncAt) })}${age && age.value > 0 ? `（${t(`sync.age.${age.unit}`, { n: age.value })}）` : ''}`
          : t('sync.never')}
      </Typography.Text>
      {line.showProgress && (
        <Space size={6} style={{ minWidth: 220 }}>
          <Typography.Text>{t('sync.firstSync')}</Typography.Text>
          <Progress
            percent={line.percent ?? 0}
            status="active"
            size="small"
            style={{ width: 140, margin: 0 }}
            showInfo={line.percent !== null}
            data-testid="sync-progress"
          />
        </Space>
      )}
      <span style={{ flex: 1 }} />
      {view.error ? (
        <Typography.Text type="danger" data-testid="sync-problem" ellipsis>
          <ExclamationCircleOutlined /> {errorMessage(view.error)}
        </Typography.Text>
      ) : (
        line.problems
          .filter((p) => p !== 'sync.rejected')
          .map((problem) => (
            <Typography.Text
              key={problem}
              type={line.tone === 'error' ? 'danger' : 'warning'}
              data-testid="sync-problem"
              ellipsis
            >
              <ExclamationCircleOutlined /> {t(problem)}
            </Typography.Text>
          ))
      )}
      {offlineSession && <ReauthButton />}
      {view.issueCount > 0 && (
        <Button size="small" danger onClick={() => go('sync-issues')} data-testid="sync-rejected">
          {t('sync.rejected', { count: view.issueCount })}
        </Button>
      )}
    </Layout.Footer>
  );
}
