// Development only: RxDB dev-mode checks and AJV validation. Loaded by a dynamic import
// behind `import.meta.env.DEV`, so production bundles carry neither (AJV also compiles
// validators with `new Function`, which the strict CSP forbids).
import { addRxPlugin, type RxStorage } from 'rxdb';
import { RxDBDevModePlugin, disableWarnings } from 'rxdb/plugins/dev-mode';
import { wrappedValidateAjvStorage } from 'rxdb/plugins/validate-ajv';

export function enableDevMode(): void {
  disableWarnings();
  addRxPlugin(RxDBDevModePlugin);
}

export function withDevValidation<I, O>(storage: RxStorage<I, O>): RxStorage<I, O> {
  return wrappedValidateAjvStorage({ storage });
}
