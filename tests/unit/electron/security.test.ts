import { describe, expect, it } from 'vitest';
import { APP_ENTRY_URL, isAppUrl } from '../../../electron/security/appOrigin.ts';
import { buildCsp, SECURITY_HEADERS } from '../../../electron/security/csp.ts';
import { decideWindowOpen, isNavigationAllowed } from '../../../electron/security/navigation.ts';
import { isPermissionAllowed } from '../../../electron/security/permissions.ts';
import {
  LOCKED_WEB_PREFERENCES,
  mainWindowOptions,
  printWindowOptions,
} from '../../../electron/security/windowOptions.ts';

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp.split(';').map((part) => {
      const [name, ...values] = part.trim().split(/\s+/);
      return [name ?? '', values];
    }),
  );
}

describe('window webPreferences', () => {
  for (const [name, options] of [
    ['main', mainWindowOptions('/app/dist/electron/preload.cjs')],
    ['print', printWindowOptions()],
  ] as const) {
    it(`${name} window is locked down`, () => {
      const prefs = options.webPreferences ?? {};
      expect(prefs.sandbox).toBe(true);
      expect(prefs.contextIsolation).toBe(true);
      expect(prefs.nodeIntegration).toBe(false);
      expect(prefs.nodeIntegrationInWorker).toBe(false);
      expect(prefs.nodeIntegrationInSubFrames).toBe(false);
      expect(prefs.webSecurity).toBe(true);
      expect(prefs.allowRunningInsecureContent).toBe(false);
      expect(prefs.webviewTag).toBe(false);
      expect(prefs.experimentalFeatures).toBe(false);
      expect(prefs.enableBlinkFeatures).toBe('');
      expect(prefs.navigateOnDragDrop).toBe(false);
      expect(prefs.disableBlinkFeatures).toBe('Auxclick');
      expect(prefs).not.toHaveProperty('additionalArguments');
      for (const [key, value] of Object.entries(LOCKED_WEB_PREFERENCES)) {
        expect(prefs[key as keyof typeof prefs], key).toEqual(value);
      }
    });
  }

  it('only the main window has a preload; the print window runs no script', () => {
    expect(mainWindowOptions('/p.cjs').webPreferences?.preload).toBe('/p.cjs');
    expect(printWindowOptions().webPreferences?.preload).toBeUndefined();
    expect(printWindowOptions().webPreferences?.javascript).toBe(false);
  });
});

describe('content security policy', () => {
  const csp = buildCsp({ serverOrigin: 'https://jyt.example.cn' });
  const d = directives(csp);

  it('denies by default and allows scripts only from the app', () => {
    expect(d.get('default-src')).toEqual(["'none'"]);
    expect(d.get('script-src')).toEqual(["'self'"]);
    expect(csp).not.toContain('unsafe-eval');
    expect(d.get('script-src')).not.toContain("'unsafe-inline'");
    expect(d.get('object-src')).toEqual(["'none'"]);
    expect(d.get('base-uri')).toEqual(["'none'"]);
    expect(d.get('form-action')).toEqual(["'none'"]);
    expect(d.get('frame-ancestors')).toEqual(["'none'"]);
  });

  it('connects only to the app and the configured server', () => {
    expect(d.get('connect-src')).toEqual(["'self'", 'https://jyt.example.cn']);
    expect(directives(buildCsp({ serverOrigin: null })).get('connect-src')).toEqual(["'self'"]);
  });

  it('allows images from data:/blob: and the camera stream', () => {
    expect(d.get('img-src')).toEqual(["'self'", 'data:', 'blob:']);
    expect(d.get('media-src')).toEqual(["'self'", 'blob:', 'mediastream:']);
  });

  it("uses a nonce instead of 'unsafe-inline' for styles when given one", () => {
    expect(d.get('style-src')).toEqual(["'self'", "'unsafe-inline'"]);
    const strict = directives(buildCsp({ serverOrigin: null, styleNonce: 'abc123' }));
    expect(strict.get('style-src')).toEqual(["'self'", "'nonce-abc123'"]);
  });

  it('refuses a server origin that would inject directives', () => {
    const injected = buildCsp({ serverOrigin: "https://x.cn; script-src 'unsafe-inline'" });
    expect(injected).not.toContain('x.cn');
    expect(directives(injected).get('script-src')).toEqual(["'self'"]);
  });

  it('sends the hardening headers', () => {
    expect(SECURITY_HEADERS['x-content-type-options']).toBe('nosniff');
    expect(SECURITY_HEADERS['x-frame-options']).toBe('DENY');
    expect(SECURITY_HEADERS['referrer-policy']).toBe('no-referrer');
  });
});

describe('app origin', () => {
  it('recognises only app://waypost', () => {
    expect(isAppUrl(APP_ENTRY_URL)).toBe(true);
    expect(isAppUrl('app://waypost/intake?x=1#y')).toBe(true);
    for (const url of [
      'app://evil/index.html',
      'app://waypost.evil/index.html',
      'app://user@waypost/',
      'file:///app/index.html',
      'https://waypost/',
      'http://127.0.0.1:5180/',
      'devtools://devtools/',
      'not a url',
    ]) {
      expect(isAppUrl(url), url).toBe(false);
    }
  });
});

describe('navigation and new windows', () => {
  it('keeps windows on the app', () => {
    expect(isNavigationAllowed('app://waypost/index.html', isAppUrl)).toBe(true);
    for (const url of [
      'https://evil.example/',
      'file:///etc/passwd',
      'http://127.0.0.1/',
      'javascript:alert(1)',
      'data:text/html,x',
    ]) {
      expect(isNavigationAllowed(url, isAppUrl), url).toBe(false);
    }
  });

  it('never opens a window; only https links go to the OS browser', () => {
    expect(decideWindowOpen('https://track.example.cn/q?no=1')).toEqual({
      action: 'deny',
      openExternally: 'https://track.example.cn/q?no=1',
    });
    for (const url of [
      'http://x.cn/',
      'file:///C:/Windows/system32/calc.exe',
      'smb://host/share',
      'javascript:alert(1)',
      'app://waypost/',
      'https://u:p@x.cn/',
    ]) {
      expect(decideWindowOpen(url), url).toEqual({ action: 'deny', openExternally: null });
    }
  });
});

describe('permissions', () => {
  const app = 'app://waypost/index.html';
  it('allows the camera for the app', () => {
    expect(
      isPermissionAllowed(
        { permission: 'media', requestingUrl: app, mediaTypes: ['video'] },
        isAppUrl,
      ),
    ).toBe(true);
    expect(
      isPermissionAllowed(
        { permission: 'media', requestingUrl: 'app://waypost', mediaTypes: [] },
        isAppUrl,
      ),
    ).toBe(true);
  });

  it('denies the microphone, other permissions and other origins', () => {
    expect(
      isPermissionAllowed(
        { permission: 'media', requestingUrl: app, mediaTypes: ['audio'] },
        isAppUrl,
      ),
    ).toBe(false);
    expect(
      isPermissionAllowed(
        { permission: 'media', requestingUrl: app, mediaTypes: ['video', 'audio'] },
        isAppUrl,
      ),
    ).toBe(false);
    expect(
      isPermissionAllowed(
        { permission: 'media', requestingUrl: app, mediaTypes: ['video'], isMainFrame: false },
        isAppUrl,
      ),
    ).toBe(false);
    for (const permission of [
      'geolocation',
      'notifications',
      'midi',
      'midiSysex',
      'pointerLock',
      'fullscreen',
      'openExternal',
      'clipboard-read',
      'display-capture',
      'hid',
      'serial',
      'usb',
      'idle-detection',
      'storage-access',
    ]) {
      expect(isPermissionAllowed({ permission, requestingUrl: app }, isAppUrl), permission).toBe(
        false,
      );
    }
    for (const origin of ['https://evil.example/', 'http://127.0.0.1:5180/', 'file:///x.html']) {
      expect(
        isPermissionAllowed(
          { permission: 'media', requestingUrl: origin, mediaTypes: ['video'] },
          isAppUrl,
        ),
        origin,
      ).toBe(false);
    }
  });
});
