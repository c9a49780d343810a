// The one door into the handlers for every transport (IPC and HTTP): checks the channel
// name, validates the request against the contract's schema, and turns exceptions into
// error data so nothing host-internal leaks and no call is left hanging.
import { Value } from '@sinclair/typebox/value';
import {
  hostContract,
  isHostChannel,
  type HostChannel,
  type HostHandlers,
  type HostRequest,
  type HostResponse,
} from '../../shared/host/contract.ts';
import { hostErrors } from '../../shared/host/errors.ts';
import type { Result } from '../../shared/result.ts';

export type HostErrorReporter = (channel: string, error: unknown) => void;

export async function dispatchHostRequest(
  handlers: HostHandlers,
  channel: string,
  request: unknown,
  reportError: HostErrorReporter = () => undefined,
): Promise<Result<unknown>> {
  if (!isHostChannel(channel)) return hostErrors.unknownChannel(channel.slice(0, 64));
  return callChecked(handlers, channel, request, reportError);
}

async function callChecked<K extends HostChannel>(
  handlers: HostHandlers,
  channel: K,
  request: unknown,
  reportError: HostErrorReporter,
): Promise<HostResponse<K> | Result<never>> {
  const schema = hostContract[channel].request;
  if (!isRequest(channel, request)) {
    const first = Value.Errors(schema, request).First();
    const field = first?.path.replace(/^\//, '').replaceAll('/', '.') || undefined;
    return hostErrors.badRequest(
      first ? `${first.path || '/'} ${first.message}` : 'invalid',
      field,
    );
  }
  const handler: (request: HostRequest<K>) => Promise<HostResponse<K>> = handlers[channel];
  try {
    return await handler(request);
  } catch (error) {
    reportError(channel, error);
    return hostErrors.internal();
  }
}

function isRequest<K extends HostChannel>(channel: K, request: unknown): request is HostRequest<K> {
  return Value.Check(hostContract[channel].request, request);
}
