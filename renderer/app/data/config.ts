// Central configuration the client caches: SLA hours per province (GET /api/v1/config).
// The cached copy applies offline; the defaults (Shanxi's published 12/24/36/48 h) until then.
import { create } from 'zustand';
import type { SlaConfig } from '../../../shared/sla/index.ts';
import { API_PREFIX, PROTOCOL_HEADER, PROTOCOL_VERSION } from '../../../shared/sync/protocol.ts';

const KEY = 'waypost.centralConfig';

function cached(): SlaConfig {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(KEY) ?? '{}');
    return typeof parsed === 'object' && parsed !== null && 'sla' in parsed ? (parsed.sla as SlaConfig) : {};
  } catch {
    return {};
  }
}

const useConfig = create<{ sla: SlaConfig }>(() => ({ sla: typeof localStorage === 'undefined' ? {} : cached() }));

export function useSlaConfig(): SlaConfig {
  return useConfig((s) => s.sla);
}

export function slaConfig(): SlaConfig {
  return useConfig.getState().sla;
}

/** Best effort: keeps the cached config when the server is unreachable or says nothing new. */
export async function refreshConfig(serverUrl: string, token: string): Promise<void> {
  try {
    const response = await fetch(`${serverUrl}${API_PREFIX}/config`, {
      headers: { authorization: `Bearer ${token}`, [PROTOCOL_HEADER]: String(PROTOCOL_VERSION) },
      signal: AbortSignal.timeout(10_000),
    });
    if (!response.ok) return;
    const body: unknown = await response.json();
    if (typeof body !== 'object' || body === null || !('sla' in body)) return;
    const sla = body.sla;
    if (typeof sla !== 'object' || sla === null) return;
    localStorage.setItem(KEY, JSON.stringify({ sla }));
    useConfig.setState({ sla: sla as SlaConfig });
  } catch {
    // Offline: the cached config stays in force.
  }
}
