// The renderer-facing API, built over a transport. Written out by hand on purpose (as
// electron/fiddle does): `satisfies HostApi` makes the compiler reject a missing or an
// extra function, and the preload exposes exactly this object — never the invoker.
import type { HostApi, HostInvoker } from './contract.ts';

export function createHostApi(invoke: HostInvoker): HostApi {
  return {
    app: {
      info: () => invoke('app.info', undefined),
    },
    settings: {
      get: () => invoke('settings.get', undefined),
      set: (patch) => invoke('settings.set', patch),
    },
    keys: {
      databaseKey: () => invoke('keys.databaseKey', undefined),
      blindIndexKey: () => invoke('keys.blindIndexKey', undefined),
    },
    device: {
      identity: () => invoke('device.identity', undefined),
      setEnrolment: (enrolment) => invoke('device.setEnrolment', enrolment),
      clearEnrolment: () => invoke('device.clearEnrolment', undefined),
    },
    log: {
      write: (request) => invoke('log.write', request),
    },
    printers: {
      list: () => invoke('printers.list', undefined),
      save: (config) => invoke('printers.save', config),
      remove: (request) => invoke('printers.remove', request),
      check: (request) => invoke('printers.check', request),
    },
    print: {
      label: (request) => invoke('print.label', request),
      reprint: (request) => invoke('print.reprint', request),
      void: (request) => invoke('print.void', request),
      startBatch: (request) => invoke('print.startBatch', request),
      resumeBatch: (request) => invoke('print.resumeBatch', request),
      batchProgress: (request) => invoke('print.batchProgress', request),
      ledger: (query) => invoke('print.ledger', query),
      preview: (request) => invoke('print.preview', request),
      osDialog: (request) => invoke('print.osDialog', request),
      savePdf: (request) => invoke('print.savePdf', request),
    },
    idCard: {
      status: () => invoke('idCard.status', undefined),
      read: () => invoke('idCard.read', undefined),
    },
    backup: {
      save: (request) => invoke('backup.save', request),
      list: () => invoke('backup.list', undefined),
      read: (request) => invoke('backup.read', request),
    },
    update: {
      check: () => invoke('update.check', undefined),
      state: () => invoke('update.state', undefined),
      install: (request) => invoke('update.install', request),
    },
  } satisfies HostApi;
}
