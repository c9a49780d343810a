// The host-specific half of "print through the OS" and "save as PDF".
import { mkdir } from 'node:fs/promises';
import { join, parse } from 'node:path';
import { hostErrors } from '../../shared/host/errors.ts';
import type { Result } from '../../shared/result.ts';

import type { LabelImage } from './pdf.ts';

export interface OsPrintPort {
  /** Prints through the OS (dialog unless silent); printed=false when cancelled. */
  print(request: {
    image: LabelImage;
    deviceName?: string;
    silent?: boolean;
  }): Promise<Result<{ printed: boolean }>>;
  /** Where to write a PDF: a save dialog in Electron; null when the clerk cancelled. */
  chooseSavePath(suggestedName: string): Promise<string | null>;
}

/** Browser host: no OS dialog from a Node service; PDFs land in the data dir's exports/. */
export function createBrowserOsPrintPort(exportsDir: string): OsPrintPort {
  return {
    print: async () =>
      hostErrors.unsupported(
        '系统打印对话框，请保存为 PDF 后打印',
        'the OS print dialog (save a PDF instead)',
      ),
    async chooseSavePath(suggestedName) {
      await mkdir(exportsDir, { recursive: true, mode: 0o700 });
      const { name, ext } = parse(suggestedName);
      return join(exportsDir, `${name}-${Date.now()}${ext || '.pdf'}`);
    },
  };
}
