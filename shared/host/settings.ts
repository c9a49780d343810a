// Settings defaults and validation beyond the schema (pure; the host persists them).
import { fail, ok, type Result } from '../result.ts';
import type { SettingsPatch } from './schemas.ts';
import type { HostKind, Settings } from './types.ts';

export function defaultSettings(hostKind: HostKind): Settings {
  return {
    serverUrl: null,
    printerAssignments: {},
    idleLockMinutes: 10,
    offlineLoginValidityDays: 7,
    language: 'zh-CN',
    updateChannel: null,
    // The browser host is for development and tests: a simulated reader is useful there.
    idCardReader: hostKind === 'browser' ? { kind: 'simulator' } : { kind: 'none' },
  };
}

const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;
const PRIVATE_V4 = /^(?:10\.|127\.|192\.168\.|172\.(?:1[6-9]|2\d|3[01])\.)/;

/** Only literal addresses count: `127.0.0.1.evil.cn` is a public name. */
function isLoopbackHost(hostname: string): boolean {
  return (
    hostname === 'localhost' ||
    hostname === '[::1]' ||
    (IPV4.test(hostname) && hostname.startsWith('127.'))
  );
}

function isPrivateV4(hostname: string): boolean {
  return IPV4.test(hostname) && PRIVATE_V4.test(hostname);
}

/**
 * The central server's URL: https anywhere; plain http only on loopback or a private
 * IPv4 network (police/postal intranets), never across the internet. Returned without
 * a trailing slash, no credentials, query or fragment.
 */
export function normaliseServerUrl(input: string): Result<string> {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    return badServerUrl();
  }
  if (url.username || url.password || url.search || url.hash) return badServerUrl();
  const httpAllowed = isLoopbackHost(url.hostname) || isPrivateV4(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && httpAllowed)) {
    return fail(
      'SETTINGS_SERVER_URL_INSECURE',
      '服务器地址必须使用 https（仅本机或内网地址可用 http）',
      'The server URL must use https (http only on loopback or private networks)',
      'serverUrl',
    );
  }
  return ok(`${url.origin}${url.pathname.replace(/\/+$/, '')}`);
}

function badServerUrl() {
  return fail(
    'SETTINGS_SERVER_URL_INVALID',
    '服务器地址格式不正确，例如 https://jyt.example.cn',
    'Invalid server URL, e.g. https://jyt.example.cn',
    'serverUrl',
  );
}

/** The vendor ID-reader service must be on this machine: the host never fetches elsewhere. */
export function checkLoopbackUrl(input: string, field: string): Result<string> {
  try {
    const url = new URL(input);
    if ((url.protocol === 'http:' || url.protocol === 'https:') && isLoopbackHost(url.hostname)) {
      return ok(url.href);
    }
  } catch {
    // fall through
  }
  return fail(
    'SETTINGS_READER_URL_NOT_LOCAL',
    '读卡器服务地址必须是本机地址（127.0.0.1 或 localhost）',
    'The ID reader service URL must be on this machine (127.0.0.1 or localhost)',
    field,
  );
}

/** Applies a schema-valid patch, checking what the schema cannot. */
export function applySettingsPatch(current: Settings, patch: SettingsPatch): Result<Settings> {
  let serverUrl = current.serverUrl;
  if (patch.serverUrl !== undefined) {
    if (patch.serverUrl === null) serverUrl = null;
    else {
      const checked = normaliseServerUrl(patch.serverUrl);
      if (!checked.ok) return checked;
      serverUrl = checked.value;
    }
  }
  const idCardReader = patch.idCardReader ?? current.idCardReader;
  if (idCardReader.kind === 'http') {
    const checked = checkLoopbackUrl(idCardReader.url, 'idCardReader.url');
    if (!checked.ok) return checked;
  }
  return ok({
    serverUrl,
    printerAssignments: patch.printerAssignments ?? current.printerAssignments,
    idleLockMinutes: patch.idleLockMinutes ?? current.idleLockMinutes,
    offlineLoginValidityDays: patch.offlineLoginValidityDays ?? current.offlineLoginValidityDays,
    language: patch.language ?? current.language,
    updateChannel: patch.updateChannel === undefined ? current.updateChannel : patch.updateChannel,
    idCardReader,
  });
}

/** The origin the CSP's connect-src must allow (null before set-up). */
export function serverOrigin(settings: Pick<Settings, 'serverUrl'>): string | null {
  if (settings.serverUrl === null) return null;
  try {
    return new URL(settings.serverUrl).origin;
  } catch {
    return null;
  }
}

/**
 * The CSP's connect-src is fixed when a document loads: after the server origin changes
 * the renderer must reload before it can reach the new server.
 */
export function settingsNeedReload(
  before: Pick<Settings, 'serverUrl'>,
  after: Pick<Settings, 'serverUrl'>,
): boolean {
  return serverOrigin(before) !== serverOrigin(after);
}
