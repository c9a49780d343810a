// Renderer entry: mounts the app. Everything else starts from App.tsx.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.tsx';
import { initI18n } from './i18n/index.ts';
import { usePreferences } from './stores/preferences.ts';
import { documentStyleNonce, stampStyleNonce } from './app/csp.ts';

const nonce = documentStyleNonce();
if (nonce) stampStyleNonce(nonce);

initI18n(usePreferences.getState().language);

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
