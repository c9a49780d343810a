// Errors every host transport may return, whatever the channel.
import { fail, type Err } from '../result.ts';

export const hostErrors = {
  unknownChannel: (channel: string): Err =>
    fail('HOST_UNKNOWN_CHANNEL', `未知的主机功能：${channel}`, `Unknown host channel: ${channel}`),
  badRequest: (detail: string, field?: string): Err =>
    fail(
      'HOST_BAD_REQUEST',
      `请求格式不正确：${detail}`,
      `Malformed host request: ${detail}`,
      field,
    ),
  forbidden: (): Err =>
    fail('HOST_FORBIDDEN', '该页面无权调用本机功能', 'This page may not call the host'),
  unauthorized: (): Err =>
    fail(
      'HOST_UNAUTHORIZED',
      '本地主机会话无效，请使用启动时给出的链接重新打开',
      'No valid host session: open the app with the link printed at start-up',
    ),
  unsupported: (what: string, whatEn: string): Err =>
    fail('HOST_UNSUPPORTED', `当前运行方式不支持${what}`, `This host does not support ${whatEn}`),
  internal: (): Err =>
    fail('HOST_INTERNAL', '本机服务内部错误，请重试或联系技术支持', 'Internal host error'),
  unreachable: (): Err =>
    fail(
      'HOST_UNREACHABLE',
      '无法连接本机服务，请确认程序仍在运行',
      'Cannot reach the host service',
    ),
};
