// Top of the UI: locale and theme, then the start-up gate — enrol the device, log in, then the
// shell with the current screen; the lock screen covers everything when locked.
import { App as AntApp, Button, ConfigProvider, Result, Spin } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Settings } from '../../shared/host/types.ts';
import { initI18n, errorMessage } from '../i18n/index.ts';
import { bindNavigationToHash, useNavigation, type Route } from '../stores/navigation.ts';
import { usePreferences } from '../stores/preferences.ts';
import { useSession } from '../stores/session.ts';
import { useSyncStatus } from '../stores/sync-status.ts';
import { AppShell } from './AppShell.tsx';
import { loadDeviceState, type DeviceState } from './data/auth.ts';
import { openDatabase } from './data/db.ts';
import { call } from './data/host.ts';
import { useIdleLock } from './idle-lock.ts';
import { homeRoute } from './roles.ts';
import { appTheme } from './theme.ts';
import { documentStyleNonce } from './csp.ts';
import { EnrolPage } from '../features/login/EnrolPage.tsx';
import { LockScreen } from '../features/login/LockScreen.tsx';
import { LoginPage } from '../features/login/LoginPage.tsx';
import { IntakePage } from '../features/intake/IntakePage.tsx';
import { RecordsPage } from '../features/records/RecordsPage.tsx';
import { SyncIssuesPage } from '../features/sync-bar/SyncIssuesPage.tsx';
import { ShiftStartPage } from '../features/van/ShiftStartPage.tsx';
import { ShiftEndPage } from '../features/van/ShiftEndPage.tsx';
import { SettingsPage } from '../features/settings/SettingsPage.tsx';
import { afterIntakeRoutes, registerAfterIntakeI18n } from '../features/after-intake/index.ts';
import type { WaypostError } from '../../shared/result.ts';

type Boot =
  | { phase: 'loading' }
  | { phase: 'error'; error: WaypostError }
  | { phase: 'enrol'; serverUrl: string | null }
  | { phase: 'ready'; device: DeviceState; settings: Settings };

function Screen({ route }: { route: Route }) {
  switch (route) {
    case 'intake':
      return <IntakePage key="intake" mode="intake" />;
    case 'vehicle':
      return <IntakePage key="vehicle" mode="vehicle" />;
    case 'records':
      return <RecordsPage />;
    case 'sync-issues':
      return <SyncIssuesPage />;
    case 'van-start':
      return <ShiftStartPage />;
    case 'van-end':
      return <ShiftEndPage />;
    case 'settings':
      return <SettingsPage />;
    default:
      return afterIntakeRoutes.find((r) => r.path === route)?.element ?? null;
  }
}

function Root() {
  const { t } = useTranslation();
  const [boot, setBoot] = useState<Boot>({ phase: 'loading' });
  const session = useSession((s) => s.session);
  const locked = useSession((s) => s.locked);
  const route = useNavigation((s) => s.route);
  const go = useNavigation((s) => s.go);
  const issueCount = useSyncStatus((s) => s.issues.length);

  const start = useCallback(async () => {
    setBoot({ phase: 'loading' });
    const [device, settings] = await Promise.all([
      loadDeviceState(),
      call((h) => h.settings.get()),
    ]);
    if (!device.ok) return setBoot({ phase: 'error', error: device.error });
    if (!settings.ok) return setBoot({ phase: 'error', error: settings.error });
    if (!device.value.enrolled)
      return setBoot({ phase: 'enrol', serverUrl: settings.value.serverUrl });
    const db = await openDatabase(device.value.deviceId ?? device.value.installationId);
    if (!db.ok) return setBoot({ phase: 'error', error: db.error });
    setBoot({ phase: 'ready', device: device.value, settings: settings.value });
  }, []);

  useEffect(() => {
    void start();
    return bindNavigationToHash();
  }, [start]);

  // After login, land on the role's first screen (a van crew starts with the checklist).
  const staffId = session?.staffId;
  const role = session?.role;
  useEffect(() => {
    if (role) go(homeRoute(role));
  }, [staffId, role, go]);

  const idleMinutes = boot.phase === 'ready' ? boot.settings.idleLockMinutes : 0;
  useIdleLock(idleMinutes);

  if (boot.phase === 'loading') {
    return (
      <div style={{ height: '100%', display: 'grid', placeItems: 'center' }}>
        <Spin size="large" description={t('app.loading')} />
      </div>
    );
  }
  if (boot.phase === 'error') {
    return (
      <Result
        status="error"
        title={t('app.startFailed')}
        subTitle={errorMessage(boot.error)}
        extra={<Button onClick={() => void start()}>{t('app.retry')}</Button>}
      />
    );
  }
  if (boot.phase === 'enrol') {
    return <EnrolPage savedServerUrl={boot.serverUrl} onEnrolled={() => void start()} />;
  }
  if (!session) return <LoginPage device={boot.device} />;
  return (
    <>
      {/* Personal data is not even rendered underneath the lock screen. */}
      {!locked && (
        <AppShell issueCount={issueCount}>
          <Screen route={route} />
        </AppShell>
      )}
      {locked && <LockScreen idleMinutes={idleMinutes} />}
    </>
  );
}

export function App() {
  const language = usePreferences((s) => s.language);
  const touchMode = usePreferences((s) => s.touchMode);
  const [nonce] = useState(documentStyleNonce);
  initI18n(language);
  registerAfterIntakeI18n();
  useEffect(() => {
    document.documentElement.lang = language === 'en' ? 'en' : 'zh-CN';
  }, [language]);
  return (
    <ConfigProvider
      locale={language === 'en' ? enUS : zhCN}
      theme={appTheme(touchMode)}
      componentSize={touchMode ? 'large' : 'middle'}
      // antd spaces out two-character Chinese button labels (清 空); clerks read 清空.
      button={{ autoInsertSpace: false }}
      {...(nonce ? { csp: { nonce } } : {})}
    >
      <AntApp style={{ height: '100%' }}>
        <Root />
      </AntApp>
    </ConfigProvider>
  );
}
