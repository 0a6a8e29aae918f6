import { StrictMode, type ComponentType } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nProvider, type Catalogues } from './i18n.tsx';
import { CrashPanel, ErrorBoundary } from './ui.tsx';
import './base.css';

/** Mounts an app inside the language provider and a crash boundary (a crash never leaves a blank page). */
export function mount(App: ComponentType, catalogues: Catalogues) {
  const root = document.getElementById('root');
  if (!root) return;
  createRoot(root).render(
    <StrictMode>
      <I18nProvider catalogues={catalogues}>
        <ErrorBoundary fallback={(error, reset) => <main><CrashPanel error={error} reset={reset} /></main>}>
          <App />
        </ErrorBoundary>
      </I18nProvider>
    </StrictMode>,
  );
}
