// Electron: print a label image through the OS in a hidden, locked-down window, and ask
// where to save PDFs. The page is a data: URL with its own CSP and no preload.
import { BrowserWindow, dialog, app } from 'electron';
import { join } from 'node:path';
import { ok } from '../../shared/result.ts';
import { printWindowOptions } from '../security/windowOptions.ts';
import type { OsPrintPort } from './osPrint.ts';
import { labelSizeMm } from './pdf.ts';

export function labelPrintHtml(pngBase64: string, widthMm: number, heightMm: number): string {
  return `<!doctype html><html><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'">
<style>@page{size:${widthMm.toFixed(2)}mm ${heightMm.toFixed(2)}mm;margin:0}html,body{margin:0}
img{display:block;width:${widthMm.toFixed(2)}mm;height:${heightMm.toFixed(2)}mm;image-rendering:pixelated}</style>
</head><body><img src="data:image/png;base64,${pngBase64}"></body></html>`;
}

export function createElectronOsPrintPort(): OsPrintPort {
  return {
    async print({ image, deviceName, silent }) {
      const { widthMm, heightMm } = labelSizeMm(image);
      const html = labelPrintHtml(Buffer.from(image.png).toString('base64'), widthMm, heightMm);
      const options = printWindowOptions();
      const win = new BrowserWindow({
        ...options,
        webPreferences: {
          ...options.webPreferences,
          sandbox: true,
          contextIsolation: true,
          nodeIntegration: false,
          webSecurity: true,
          disableBlinkFeatures: 'Auxclick',
        },
      });
      try {
        await win.loadURL(`data:text/html;charset=utf-8,${encodeURIComponent(html)}`);
        const printed = await new Promise<boolean>((resolve) => {
          win.webContents.print(
            {
              silent: silent === true,
              printBackground: true,
              margins: { marginType: 'none' },
              pageSize: { width: Math.round(widthMm * 1000), height: Math.round(heightMm * 1000) },
              ...(deviceName ? { deviceName } : {}),
            },
            (success) => resolve(success),
          );
        });
        return ok({ printed });
      } finally {
        win.destroy();
      }
    },
    async chooseSavePath(suggestedName) {
      const result = await dialog.showSaveDialog({
        defaultPath: join(app.getPath('documents'), suggestedName),
        filters: [{ name: 'PDF', extensions: ['pdf'] }],
      });
      return result.canceled || !result.filePath ? null : result.filePath;
    },
  };
}
