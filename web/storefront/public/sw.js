// Footfall storefront service worker: the app shell works offline, the catalog falls back to what was seen.
// The build replaces the precache list and version below.
const VERSION = '__VERSION__';
const SHELL = '__PRECACHE__';
const SHELL_CACHE = `footfall-shell-${VERSION}`;
const DATA_CACHE = 'footfall-data-v1';

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(SHELL_CACHE).then((cache) => cache.addAll(Array.isArray(SHELL) ? SHELL : ['/'])).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith('footfall-shell-') && k !== SHELL_CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

function isCatalogRead(url) {
  return /^\/v1\/shop\/[^/]+\/(products|categories|stores)/.test(url.pathname);
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return; // map tiles and the like go straight to the network
  if (request.mode === 'navigate') {
    // Network first so shoppers always get the current app; the cached shell when offline.
    event.respondWith(fetch(request).catch(() => caches.match('/', { cacheName: SHELL_CACHE }).then((r) => r || Response.error())));
    return;
  }
  if (url.pathname.startsWith('/assets/')) {
    // Hashed file names never change content: cache first.
    event.respondWith(caches.match(request).then((hit) => hit || fetch(request).then((res) => {
      if (res.ok) { const copy = res.clone(); caches.open(SHELL_CACHE).then((c) => c.put(request, copy)); }
      return res;
    })));
    return;
  }
  if (isCatalogRead(url) && !request.headers.get('authorization')) {
    // Public catalog and store reads: fresh when online, the last copy when offline.
    event.respondWith(fetch(request).then((res) => {
      if (res.ok) { const copy = res.clone(); caches.open(DATA_CACHE).then((c) => c.put(request, copy)); }
      return res;
    }).catch(() => caches.match(request, { cacheName: DATA_CACHE }).then((hit) => hit || Response.error())));
  }
});
