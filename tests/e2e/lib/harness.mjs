// Shared set-up for the browser tests (and the benchmark, and the build's
// prerendering, xtask/prerender.mjs): a static server for dist/ (with the
// fallback to index.html that a host needs for the app's routes) and
// headless Chromium driven by playwright-core. In a test file,
// `useServerAndBrowser()` (or `useBrowser()`) also fails every test on any
// page error or console error of any page it opened, and closes every
// context it opened, passed or failed (see `afterEach` below).
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { before, after, afterEach } from 'node:test';
import { chromium } from 'playwright-core';
import { gzipSync } from 'node:zlib';

const DIST = resolve(process.env.DIST ?? 'dist');
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.wasm': 'application/wasm',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.png': 'image/png',
  '.webmanifest': 'application/manifest+json',
};

/// Types a host compresses when the browser accepts gzip.
const COMPRESSED = new Set(['.html', '.js', '.css', '.wasm', '.json', '.svg', '.webmanifest']);

/// `dist`: another build folder to serve. `server.down(true)` makes every
/// request fail as with no network (the connection is dropped). `gzip`:
/// text and wasm are sent gzip-compressed (level 9, made once per file),
/// as any static host does, for timings on a slow network.
export async function startServer({ dist = DIST, gzip = false } = {}) {
  const zipped = new Map();
  const DIST = resolve(dist);
  let down = false;
  const server = createServer(async (req, res) => {
    if (down) {
      req.socket.destroy();
      return;
    }
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    let file = normalize(join(DIST, path));
    if (!file.startsWith(DIST)) {
      res.writeHead(403).end();
      return;
    }
    try {
      if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
    } catch {
      // A page prerendered by the build (/quiz -> quiz.html), as static
      // hosts serve clean URLs; other routes like /ownership have no file:
      // serve the app, which routes.
      if (!extname(path)) {
        const page = `${file}.html`;
        file = await stat(page).then(() => page, () => join(DIST, 'index.html'));
      }
    }
    try {
      const body = await readFile(file);
      const type = TYPES[extname(file)] ?? 'application/octet-stream';
      if (gzip && COMPRESSED.has(extname(file)) && /\bgzip\b/.test(req.headers['accept-encoding'] ?? '')) {
        if (!zipped.has(file)) zipped.set(file, gzipSync(body, { level: 9 }));
        res.writeHead(200, { 'content-type': type, 'content-encoding': 'gzip', vary: 'accept-encoding' });
        res.end(zipped.get(file));
        return;
      }
      res.writeHead(200, { 'content-type': type });
      res.end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const url = `http://127.0.0.1:${server.address().port}`;
  return {
    url,
    down: (value) => { down = value; server.closeAllConnections(); },
    close: () => new Promise((ok) => { server.close(ok); server.closeAllConnections(); }),
  };
}

export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

/// Every context opened since the last test ended, and every page opened in
/// them: the `afterEach` of `useBrowser()` closes the first and checks the
/// second.
const openContexts = new Set();
const watchedPages = new Set();

/// Collects the page's uncaught errors and console errors in `page.errors`
/// (each console error with the address of the script or resource that
/// logged it, when there is one).
export function watchPage(page) {
  if (page.errors) return page;
  const errors = [];
  page.errors = errors;
  page.allowedErrors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    const at = m.location()?.url;
    errors.push(at ? `${m.text()} (at ${at})` : m.text());
  });
  watchedPages.add(page);
  return page;
}

/// Watches every page of the context, those it has and those to come
/// (`context.newPage()` included).
export function watchContext(context) {
  if (openContexts.has(context)) return context;
  openContexts.add(context);
  context.pages().forEach(watchPage);
  context.on('page', watchPage);
  return context;
}

/// A browser whose `newContext()` watches every context it makes, so a test
/// that opens its own (a phone, a second visitor...) is covered too.
export function watchBrowser(browser) {
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (options) => watchContext(await newContext(options));
  return browser;
}

/// Lets errors matching `pattern` pass the end-of-test check for this page
/// only. For a test that causes them on purpose: say why where it is called,
/// and keep the pattern as narrow as the expected error.
export function allowErrors(page, pattern) {
  watchPage(page).allowedErrors.push(pattern);
}

/// The errors of the watched pages that no allowance covers, each with the
/// page it happened on.
function unexpectedErrors(pages) {
  return pages.flatMap((page) => page.errors
    .filter((e) => !page.allowedErrors.some((pattern) => e.search(pattern) !== -1))
    .map((e) => `${page.url()}: ${e}`));
}

/// The header's save indicator: the app (not a prerendered page) is running.
const APP_HEADER = '[data-testid="save-state"]:not(#prerendered *)';

/// A fresh context (empty local storage) and a page whose uncaught errors
/// and console errors are collected in `page.errors` (and fail the test in a
/// test file, see `useBrowser()`). Waits for the app's header, or for
/// `waitFor` (a selector) on a page that has none, such as /embed; `waitFor:
/// null` waits for nothing more than the page's load.
export async function openApp(browser, baseUrl, path = '/', { waitFor = APP_HEADER } = {}) {
  const context = watchContext(await browser.newContext({ acceptDownloads: true, baseURL: baseUrl }));
  const page = watchPage(await context.newPage());
  await page.goto(path);
  if (waitFor) await page.waitForSelector(waitFor, { timeout: 20_000 });
  return { context, page };
}

/// The workshop app is running: its header's save state is there (the quiz
/// app of /quiz and /embed has none: wait for its question instead).
export async function waitForApp(page) {
  await page.waitForSelector(APP_HEADER, { timeout: 20_000 });
}

export async function waitSaved(page) {
  // The indicator turns to "Saving..." in a background task after the
  // edit's frame is painted: let that happen first, or an edit just made
  // would read as saved. (Posted after the app's, so it runs after it.)
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => {
    if (window.scheduler?.postTask) scheduler.postTask(done, { priority: 'background' });
    else setTimeout(done, 0);
  })));
  await page.waitForFunction(
    () => document.querySelector('[data-testid="save-state"]')?.textContent.trim() === 'Saved',
    null,
    { timeout: 5_000 },
  );
}

/// Everything this app keeps in local storage, as text.
export async function storedState(page) {
  return page.evaluate(() => {
    const out = {};
    for (let i = 0; i < localStorage.length; i++) {
      const k = localStorage.key(i);
      out[k] = localStorage.getItem(k);
    }
    return out;
  });
}

export async function readDownload(download) {
  return readFile(await download.path(), 'utf8');
}

/// For a test file: launches the browser before its tests and closes it
/// after. After each test, closes every context the test opened (even when
/// it failed, so nothing carries over into the next test), then fails the
/// test if any page it opened had an uncaught error or a console error that
/// `allowErrors` does not cover. Returns an object whose `browser` is set
/// once it runs.
export function useBrowser(env = {}) {
  before(async () => {
    env.browser = watchBrowser(await launchBrowser());
  });
  afterEach(async () => {
    const contexts = [...openContexts];
    const pages = [...watchedPages];
    openContexts.clear();
    watchedPages.clear();
    // A context already closed, or of a browser gone, has nothing to close.
    await Promise.all(contexts.map((c) => c.close().catch(() => {})));
    assert.deepEqual(unexpectedErrors(pages), [], 'no page errors or console errors');
  });
  after(async () => {
    await env.browser?.close();
  });
  return env;
}

/// `useBrowser()`, plus a server for dist/ started before the tests and
/// stopped after. Its `server` is set once it runs.
export function useServerAndBrowser() {
  const env = {};
  before(async () => {
    env.server = await startServer();
  });
  useBrowser(env);
  after(async () => {
    await env.server?.close();
  });
  return env;
}
