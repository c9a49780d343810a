// Preload (sandboxed, bundled to CommonJS): exposes exactly the contract's functions as
// `window.waypost`. The IPC transport stays inside this closure — no ipcRenderer, no
// generic invoke reaches the page.
import { contextBridge, ipcRenderer } from 'electron';
import { createHostApi } from '../shared/host/api.ts';
import type { HostApi } from '../shared/host/contract.ts';

const api = createHostApi((channel, request) =>
  ipcRenderer.invoke(channel, request),
) satisfies HostApi;

contextBridge.exposeInMainWorld('waypost', api);
