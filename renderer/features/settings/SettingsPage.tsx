// 设置: this device, its printers per label kind, idle lock and offline-login validity
// (supervisors and admins), and the display preferences anyone may change.
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Form,
  InputNumber,
  Row,
  Select,
  Switch,
  Tag,
} from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LabelKind, PrinterConfig } from '../../../shared/printing/types.ts';
import { LABEL_KINDS } from '../../../shared/printing/types.ts';
import type { AppInfo, Settings } from '../../../shared/host/types.ts';
import { updateSettings } from '../../host/index.ts';
import { loadDeviceState, type DeviceState } from '../../app/data/auth.ts';
import { call } from '../../app/data/host.ts';
import { can } from '../../app/roles.ts';
import { errorMessage } from '../../i18n/index.ts';
import { usePreferences } from '../../stores/preferences.ts';
import { AddPrinter } from './AddPrinter.tsx';
import { useSession } from '../../stores/session.ts';

export function SettingsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const session = useSession((s) => s.session);
  const { language, setLanguage, touchMode, setTouchMode } = usePreferences();
  const [settings, setSettings] = useState<Settings | null>(null);
  const [printers, setPrinters] = useState<PrinterConfig[]>([]);
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [device, setDevice] = useState<DeviceState | null>(null);
  const [error, setError] = useState<string | null>(null);
  const editable = session ? can(session.role, 'editDeviceSettings') : false;

  useEffect(() => {
    void (async () => {
      const [s, p, i, d] = await Promise.all([
        call((h) => h.settings.get()),
        call((h) => h.printers.list()),
        call((h) => h.app.info()),
        loadDeviceState(),
      ]);
      if (s.ok) setSettings(s.value);
      if (p.ok) setPrinters(p.value);
      if (i.ok) setInfo(i.value);
      if (d.ok) setDevice(d.value);
    })();
  }, []);

  const save = async (patch: Parameters<typeof updateSettings>[0]) => {
    const result = await updateSettings(patch);
    if (!result.ok) return setError(errorMessage(result.error));
    setError(null);
    setSettings(result.value);
    void message.success(t('settings.saved'));
  };

  const assign = (kind: LabelKind, printerId: string | undefined) => {
    if (!settings) return;
    const next: Partial<Record<LabelKind, string>> = { ...settings.printerAssignments };
    if (printerId) next[kind] = printerId;
    else delete next[kind];
    void save({ printerAssignments: next });
  };

  return (
    <Row gutter={12} data-testid="settings-page">
      <Col span={12}>
        <Card size="small" title={t('settings.device')}>
          <Descriptions
            size="small"
            column={1}
            items={[
              {
                key: 'id',
                label: t('settings.deviceId'),
                children: <span className="wp-mono">{device?.deviceId ?? '—'}</span>,
              },
              { key: 'station', label: t('header.station'), children: device?.stationName ?? '—' },
              {
                key: 'server',
                label: t('settings.server'),
                children: <span className="wp-mono">{settings?.serverUrl ?? '—'}</span>,
              },
              {
                key: 'host',
                label: t('settings.hostKind'),
                children: info ? (
                  <Tag>{info.hostKind === 'electron' ? 'Electron' : t('settings.browserHost')}</Tag>
                ) : (
                  '—'
                ),
              },
              { key: 'version', label: t('settings.version'), children: info?.version ?? '—' },
            ]}
          />
        </Card>
        <Card size="small" title={t('settings.display')} style={{ marginTop: 12 }}>
          <Form layout="horizontal" labelCol={{ span: 10 }}>
            <Form.Item label={t('settings.language')}>
              <Select
                style={{ width: 160 }}
                value={language}
                onChange={setLanguage}
                options={[
                  { value: 'zh-CN', label: '简体中文' },
                  { value: 'en', label: 'English' },
                ]}
              />
            </Form.Item>
            <Form.Item label={t('settings.touchMode')}>
              <Switch checked={touchMode} onChange={setTouchMode} />
            </Form.Item>
          </Form>
        </Card>
      </Col>
      <Col span={12}>
        <Card
          size="small"
          title={t('settings.printers')}
          extra={
            editable ? <AddPrinter onAdded={(p) => setPrinters((list) => [...list, p])} /> : null
          }
        >
          {!editable && (
            <Alert
              type="info"
              showIcon
              style={{ marginBottom: 12 }}
              title={t('settings.readOnly')}
            />
          )}
          {printers.length === 0 ? (
            <Alert type="warning" showIcon title={t('settings.noPrinters')} />
          ) : (
            <Form layout="horizontal" labelCol={{ span: 10 }}>
              {LABEL_KINDS.map((kind) => (
                <Form.Item key={kind} label={t(`settings.labelKind.${kind}`)}>
                  <Select
                    allowClear
                    disabled={!editable}
                    style={{ width: 220 }}
                    value={settings?.printerAssignments[kind]}
                    onChange={(value: string | undefined) => assign(kind, value)}
                    options={printers
                      .filter((p) => p.labelKinds.includes(kind))
                      .map((p) => ({ value: p.id, label: p.name }))}
                  />
                </Form.Item>
              ))}
            </Form>
          )}
        </Card>
        <Card size="small" title={t('settings.security')} style={{ marginTop: 12 }}>
          <Form layout="horizontal" labelCol={{ span: 10 }}>
            <Form.Item label={t('settings.idleLock')}>
              <InputNumber
                min={1}
                max={240}
                disabled={!editable}
                value={settings?.idleLockMinutes}
                suffix={t('common.minutes')}
                onChange={(v) => v && void save({ idleLockMinutes: v })}
              />
            </Form.Item>
            <Form.Item label={t('settings.offlineDays')}>
              <InputNumber
                min={1}
                max={30}
                disabled={!editable}
                value={settings?.offlineLoginValidityDays}
                suffix={t('common.days')}
                onChange={(v) => v && void save({ offlineLoginValidityDays: v })}
              />
            </Form.Item>
          </Form>
          {error && <Alert type="error" showIcon title={error} />}
          <Button type="link" style={{ padding: 0 }} onClick={() => window.location.reload()}>
            {t('settings.reload')}
          </Button>
        </Card>
      </Col>
    </Row>
  );
}
