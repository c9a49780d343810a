// A simulated second-generation ID-card reader for the browser host, demos and tests.
// Synthetic data only (DOMAIN.md test numbers): never a real person.
import type { IdCardData } from '../../shared/host/types.ts';
import { ok } from '../../shared/result.ts';
import type { IdCardReader } from './reader.ts';
import { syntheticPortraitJpeg } from './portrait.ts';

export const SIMULATED_CARDS: readonly Omit<IdCardData, 'photo' | 'readAt'>[] = [
  {
    name: '王小明',
    sex: 'male',
    nation: '汉',
    birthDate: '1990-03-07',
    address: '北京市朝阳区建国路100号院3号楼2单元501室',
    idNumber: '110105199003071239',
    issuer: '北京市公安局朝阳分局',
    validFrom: '2015-06-01',
    validTo: '2035-06-01',
  },
  {
    name: '李𠮷',
    sex: 'female',
    nation: '汉',
    birthDate: '2000-02-29',
    address: '广东省深圳市福田区深南大道2000号',
    idNumber: '440305200002294564',
    issuer: '深圳市公安局福田分局',
    validFrom: '2018-03-01',
    validTo: '2028-03-01',
  },
];

export function createSimulatedReader(options: { now?: () => number } = {}): IdCardReader {
  const now = options.now ?? Date.now;
  let next = 0;
  return {
    status: async () =>
      ok({ kind: 'simulator', connected: true, model: '模拟读卡器 (simulator)', detail: null }),
    read: async () => {
      const index = next++ % SIMULATED_CARDS.length;
      const card = SIMULATED_CARDS[index] ?? SIMULATED_CARDS[0];
      if (!card) throw new Error('no simulated cards');
      return ok({
        ...card,
        photo: Buffer.from(syntheticPortraitJpeg(index + 1)).toString('base64'),
        readAt: now(),
      });
    },
  };
}
