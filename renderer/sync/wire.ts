// Wire shapes of protocol v1 as the client checks them, and the client's checkpoint wrapper:
// RxDB merges checkpoints with Object.assign, so the server's opaque string travels as { cp }.
import type {
  PullResponse,
  PushResponse,
  Rejection,
  WireDocument,
} from '../../shared/sync/protocol.ts';

export interface ClientCheckpoint {
  cp: string;
}

type Json = Record<string, unknown>;

export function isWireDocument(value: unknown): value is WireDocument<Json> {
  return (
    typeof value === 'object' &&
    value !== null &&
    'id' in value &&
    typeof value.id === 'string' &&
    (!('_deleted' in value) || typeof value._deleted === 'boolean')
  );
}

export function isPullResponse(value: unknown): value is PullResponse<Json> {
  return (
    typeof value === 'object' &&
    value !== null &&
    'documents' in value &&
    Array.isArray(value.documents) &&
    value.documents.every(isWireDocument) &&
    'checkpoint' in value &&
    (value.checkpoint === null || typeof value.checkpoint === 'string')
  );
}

function isRejection(value: unknown): value is Rejection {
  return (
    typeof value === 'object' &&
    value !== null &&
    'id' in value &&
    typeof value.id === 'string' &&
    'code' in value &&
    typeof value.code === 'string'
  );
}

export function isPushResponse(value: unknown): value is PushResponse<Json> {
  return (
    typeof value === 'object' &&
    value !== null &&
    'conflicts' in value &&
    Array.isArray(value.conflicts) &&
    value.conflicts.every(isWireDocument) &&
    (!('rejected' in value) || (Array.isArray(value.rejected) && value.rejected.every(isRejection)))
  );
}
