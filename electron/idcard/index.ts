// Builds the configured ID-card reader.
import type { IdCardReaderConfig } from '../../shared/host/schemas.ts';
import { checkLoopbackUrl } from '../../shared/host/settings.ts';
import { fail, ok } from '../../shared/result.ts';
import { createHttpReader } from './httpReader.ts';
import type { IdCardReader } from './reader.ts';
import { createSimulatedReader } from './simulator.ts';

export type { IdCardReader } from './reader.ts';

export function createIdCardReader(config: IdCardReaderConfig): IdCardReader {
  switch (config.kind) {
    case 'simulator':
      return createSimulatedReader();
    case 'http': {
      // Settings already refuse non-loopback URLs; checked again so no path skips it.
      const url = checkLoopbackUrl(config.url, 'idCardReader.url');
      if (!url.ok) return createNoReader();
      return createHttpReader({
        url: url.value,
        ...(config.timeoutMs ? { timeoutMs: config.timeoutMs } : {}),
      });
    }
    case 'none':
      return createNoReader();
  }
}

function createNoReader(): IdCardReader {
  return {
    status: async () =>
      ok({
        kind: 'none',
        connected: false,
        model: null,
        detail: '未配置身份证读卡器（可在设置中配置）',
      }),
    read: async () =>
      fail(
        'IDCARD_NOT_CONFIGURED',
        '未配置身份证读卡器，请在设置中配置或手工录入',
        'No ID card reader configured',
      ),
  };
}
