import { describe, expect, it } from 'vitest';
import {
  applySettingsPatch,
  checkLoopbackUrl,
  defaultSettings,
  normaliseServerUrl,
  serverOrigin,
  settingsNeedReload,
} from '../../../shared/host/settings.ts';

describe('settings', () => {
  it('defaults per host kind', () => {
    expect(defaultSettings('electron').idCardReader).toEqual({ kind: 'none' });
    expect(defaultSettings('browser').idCardReader).toEqual({ kind: 'simulator' });
    expect(defaultSettings('electron')).toMatchObject({
      serverUrl: null,
      idleLockMinutes: 10,
      offlineLoginValidityDays: 7,
      language: 'zh-CN',
    });
  });

  it('accepts https anywhere and http only on loopback or private networks', () => {
    expect(normaliseServerUrl('https://jyt.example.cn/')).toEqual({
      ok: true,
      value: 'https://jyt.example.cn',
    });
    expect(normaliseServerUrl('https://jyt.example.cn/waypost/')).toEqual({
      ok: true,
      value: 'https://jyt.example.cn/waypost',
    });
    expect(normaliseServerUrl('http://127.0.0.1:8787').ok).toBe(true);
    expect(normaliseServerUrl('http://192.168.10.5:8787').ok).toBe(true);
    expect(normaliseServerUrl('http://10.1.2.3').ok).toBe(true);
    expect(normaliseServerUrl('http://10.evil.cn').ok).toBe(false);
    const insecure = normaliseServerUrl('http://jyt.example.cn');
    expect(insecure.ok || insecure.error.code).toBe('SETTINGS_SERVER_URL_INSECURE');
    for (const bad of [
      'ftp://x',
      'not a url',
      'https://user:pw@x.cn',
      'https://x.cn/?a=1',
      'javascript:alert(1)',
    ]) {
      expect(normaliseServerUrl(bad).ok, bad).toBe(false);
    }
  });

  it('requires the ID reader service on loopback', () => {
    expect(checkLoopbackUrl('http://127.0.0.1:19196', 'f').ok).toBe(true);
    expect(checkLoopbackUrl('http://localhost:19196/api', 'f').ok).toBe(true);
    expect(checkLoopbackUrl('http://10.0.0.5:19196', 'f').ok).toBe(false);
    expect(checkLoopbackUrl('http://127.0.0.1.evil.cn', 'f').ok).toBe(false);
    const patched = applySettingsPatch(defaultSettings('electron'), {
      idCardReader: { kind: 'http', url: 'http://reader.example.cn' },
    });
    expect(patched.ok || patched.error.code).toBe('SETTINGS_READER_URL_NOT_LOCAL');
  });

  it('merges a patch and reports when the CSP origin changes', () => {
    const base = defaultSettings('electron');
    const next = applySettingsPatch(base, {
      serverUrl: 'https://a.example.cn',
      idleLockMinutes: 5,
    });
    expect(next.ok).toBe(true);
    if (!next.ok) return;
    expect(next.value).toMatchObject({
      serverUrl: 'https://a.example.cn',
      idleLockMinutes: 5,
      language: 'zh-CN',
    });
    expect(serverOrigin(next.value)).toBe('https://a.example.cn');
    expect(settingsNeedReload(base, next.value)).toBe(true);
    expect(settingsNeedReload(next.value, { serverUrl: 'https://a.example.cn/other' })).toBe(false);
    const cleared = applySettingsPatch(next.value, { serverUrl: null, updateChannel: null });
    expect(cleared.ok && cleared.value.serverUrl).toBe(null);
  });
});
