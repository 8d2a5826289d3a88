// OpModel's service worker. It keeps the files of one build so that the app
// opens and works with the network off after a first visit; everything the
// user makes lives in local storage, so the app needs nothing else.
//
// `cargo xtask postbuild` (a trunk hook) fills in the list of this build's
// files and a version hashed from them. A new build therefore gives a new
// sw.js, which the browser installs next to the running one; it waits until
// the user chooses "Reload" (or closes every tab), so that a page never runs
// half on one version and half on another.

const VERSION = '__OPMODEL_VERSION__';
const FILES = "__OPMODEL_ASSETS__";
const CACHE = `opmodel-${VERSION}`;

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(FILES)));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(
        keys.filter((k) => k.startsWith('opmodel-') && k !== CACHE).map((k) => caches.delete(k)),
      ))
      .then(() => self.clients.claim()),
  );
});

// The page asks a waiting version to take over when the user chooses to reload.
self.addEventListener('message', (event) => {
  if (event.data === 'opmodel:activate-update') self.skipWaiting();
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  // Every page of the app is index.html (the app routes in the browser),
  // except the ones the build prerendered (/quiz is quiz.html).
  const prerendered = `${new URL(request.url).pathname}.html`;
  const key = request.mode !== 'navigate' ? request : FILES.includes(prerendered) ? prerendered : '/';
  event.respondWith(
    caches.open(CACHE)
      .then((cache) => cache.match(key, { ignoreSearch: true }))
      .then((kept) => kept || fetch(request)),
  );
});
