import { mount } from '@shared/boot.tsx';
import { App } from './App.tsx';
import { catalogues } from './messages/index.ts';
import './storefront.css';

mount(App, catalogues);

// Installable and usable offline: the service worker caches the shell and the catalog seen so far.
if ('serviceWorker' in navigator && !navigator.webdriver) {
  window.addEventListener('load', () => { navigator.serviceWorker.register('/sw.js').catch(() => undefined); });
}
