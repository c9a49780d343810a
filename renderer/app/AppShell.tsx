// The frame around every screen after login: menu by role, header with who/where, the screen,
// and the sync bar at the bottom.
import { Badge, Button, Layout, Menu, Space, Tag, Tooltip, Typography } from 'antd';
import {
  AlertOutlined,
  AuditOutlined,
  BarChartOutlined,
  CarOutlined,
  ClockCircleOutlined,
  InboxOutlined,
  PartitionOutlined,
  PhoneOutlined,
  CheckSquareOutlined,
  CloudSyncOutlined,
  FileSearchOutlined,
  FormOutlined,
  LockOutlined,
  LogoutOutlined,
  ReconciliationOutlined,
  SettingOutlined,
  TabletOutlined,
  TranslationOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import {
  isAfterIntakeRoute,
  useNavigation,
  type AfterIntakeRouteName,
  type Route,
} from '../stores/navigation.ts';
import { usePreferences } from '../stores/preferences.ts';
import { useSession } from '../stores/session.ts';
import { MENU_BY_ROLE } from './roles.ts';
import { SyncBar } from '../features/sync-bar/SyncBar.tsx';
import { logout } from './data/auth.ts';
import { afterIntakeResources } from '../features/after-intake/index.ts';
import type { AfterIntakeMessages } from '../features/after-intake/i18n/index.ts';

const ICONS: Record<Route, ReactNode> = {
  intake: <FormOutlined />,
  vehicle: <CarOutlined />,
  records: <FileSearchOutlined />,
  'sync-issues': <CloudSyncOutlined />,
  'van-start': <CheckSquareOutlined />,
  'van-end': <ReconciliationOutlined />,
  settings: <SettingOutlined />,
  handover: <InboxOutlined />,
  sorting: <PartitionOutlined />,
  promises: <ClockCircleOutlined />,
  'work-orders': <AlertOutlined />,
  enquiry: <PhoneOutlined />,
  reports: <BarChartOutlined />,
};

const AFTER_INTAKE_NAV_KEY: Record<AfterIntakeRouteName, keyof AfterIntakeMessages['nav']> = {
  handover: 'handover',
  sorting: 'sorting',
  promises: 'promises',
  'work-orders': 'workOrders',
  enquiry: 'enquiry',
  reports: 'reports',
};

export function AppShell({ children, issueCount }: { children: ReactNode; issueCount: number }) {
  const { t } = useTranslation();
  const session = useSession((s) => s.session);
  const lock = useSession((s) => s.lock);
  const route = useNavigation((s) => s.route);
  const go = useNavigation((s) => s.go);
  const { language, setLanguage, touchMode, setTouchMode } = usePreferences();
  if (!session) return null;
  const title = (key: Route): string =>
    isAfterIntakeRoute(key)
      ? afterIntakeResources[language === 'en' ? 'en' : 'zh-CN'].nav[AFTER_INTAKE_NAV_KEY[key]]
      : t(`nav.${key}`);
  const items = MENU_BY_ROLE[session.role].map((key) => ({
    key,
    icon: ICONS[key],
    label:
      key === 'sync-issues' && issueCount > 0 ? (
        <Space size={6}>
          {title(key)}
          <Badge count={issueCount} size="small" />
        </Space>
      ) : (
        title(key)
      ),
  }));
  return (
    <Layout style={{ height: '100%' }}>
      <Layout.Sider width={touchMode ? 184 : 164} breakpoint="lg" collapsedWidth={64} theme="dark">
        <div
          style={{
            height: touchMode ? 56 : 48,
            display: 'flex',
            alignItems: 'center',
            gap: 8,
            padding: '0 16px',
            color: '#fff',
            fontWeight: 600,
            fontSize: 18,
            whiteSpace: 'nowrap',
            overflow: 'hidden',
          }}
        >
          <AuditOutlined />
          {t('app.name')}
        </div>
        <Menu
          theme="dark"
          mode="inline"
          selectedKeys={[route]}
          items={items}
          onClick={({ key }) => go(key as Route)}
          data-testid="main-menu"
        />
      </Layout.Sider>
      <Layout>
        <Layout.Header
          style={{
            display: 'flex',
            alignItems: 'center',
            justifyContent: 'space-between',
            padding: '0 16px',
            borderBottom: '1px solid #e8e8e8',
            gap: 12,
          }}
        >
          <Typography.Title level={4} style={{ margin: 0, whiteSpace: 'nowrap' }}>
            {title(route)}
          </Typography.Title>
          <Space size={touchMode ? 12 : 8} style={{ whiteSpace: 'nowrap' }}>
            <Typography.Text type="secondary" data-testid="station-name">
              {session.stationName || session.stationId}
            </Typography.Text>
            <Typography.Text strong data-testid="staff-name">
              {session.name}
            </Typography.Text>
            <Tag>{t(`roles.${session.role}`)}</Tag>
            {session.mode === 'offline' && <Tag color="orange">{t('header.offlineSession')}</Tag>}
            <Tooltip title={t('header.touchMode')}>
              <Button
                type={touchMode ? 'primary' : 'text'}
                icon={<TabletOutlined />}
                aria-label={t('header.touchMode')}
                onClick={() => setTouchMode(!touchMode)}
              />
            </Tooltip>
            <Button
              type="text"
              icon={<TranslationOutlined />}
              onClick={() => setLanguage(language === 'en' ? 'zh-CN' : 'en')}
            >
              {t('header.language')}
            </Button>
            <Button
              icon={<LockOutlined />}
              onClick={() => lock('manual')}
              data-testid="lock-button"
            >
              {t('header.lock')}
            </Button>
            <Button icon={<LogoutOutlined />} onClick={() => void logout()}>
              {t('header.logout')}
            </Button>
          </Space>
        </Layout.Header>
        <Layout.Content style={{ overflow: 'auto', padding: touchMode ? 16 : 12 }}>
          {children}
        </Layout.Content>
        <SyncBar />
      </Layout>
    </Layout>
  );
}
