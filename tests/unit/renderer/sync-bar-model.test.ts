import { describe, expect, it } from 'vitest';
import { ageParts, syncBarLine, type SyncView } from '../../../renderer/features/sync-bar/model.ts';
import { zhCN } from '../../../renderer/i18n/zh-CN.ts';

const base: SyncView = {
  connection: 'online',
  pending: 0,
  mediaPending: 0,
  lastSyncAt: 0,
  firstSync: null,
  issueCount: 0,
};

describe('sync bar wording', () => {
  it('is calm when everything is uploaded', () => {
    expect(syncBarLine(base)).toMatchObject({ tone: 'success', problems: [], showProgress: false });
  });

  it('tells the clerk an unreachable server is no loss of data', () => {
    const line = syncBarLine({ ...base, connection: 'offline', pending: 3 });
    expect(line.tone).toBe('warning');
    expect(line.problems).toEqual(['sync.unreachable']);
    expect(zhCN.sync.unreachable).toBe('无法连接服务器 — 数据已保存在本机，网络恢复后自动上传');
  });

  it('puts rejected records in words with what to do', () => {
    const line = syncBarLine({ ...base, issueCount: 2 });
    expect(line.tone).toBe('error');
    expect(line.problems).toContain('sync.rejected');
    expect(zhCN.sync.rejected).toContain('被服务器退回：需要修改');
  });

  it('shows first-sync progress', () => {
    expect(
      syncBarLine({ ...base, connection: 'syncing', firstSync: { done: 50, total: 200 } }),
    ).toMatchObject({
      showProgress: true,
      percent: 25,
    });
    expect(syncBarLine({ ...base, firstSync: { done: 5, total: null } }).percent).toBeNull();
  });

  it('asks for an upgrade on HTTP 426', () => {
    expect(syncBarLine({ ...base, connection: 'upgrade_required' }).problems[0]).toBe(
      'sync.upgradeHint',
    );
  });

  it('rounds ages into minutes, hours, days', () => {
    expect(ageParts(0, 59 * 60_000)).toEqual({ value: 59, unit: 'm' });
    expect(ageParts(0, 3 * 3_600_000)).toEqual({ value: 3, unit: 'h' });
    expect(ageParts(0, 72 * 3_600_000)).toEqual({ value: 3, unit: 'd' });
  });
});
