// Shared set-up for the browser tests (and the benchmark, and the build's
// prerendering, xtask/prerender.mjs): a static server for dist/ (with the
// fallback to index.html that a host needs for the app's routes) and
// headless Chromium driven by playwright-core.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { before, after } from 'node:test';
import { chromium } from 'playwright-core';

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

/// `dist`: another build folder to serve. `server.down(true)` makes every
/// request fail as with no network (the connection is dropped).
export async function startServer({ dist = DIST } = {}) {
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
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
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

/// A fresh context (empty local storage) and a page that fails the test on
/// any uncaught error or console error.
export async function openApp(browser, baseUrl, path = '/') {
  const context = await browser.newContext({ acceptDownloads: true, baseURL: baseUrl });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.errors = errors;
  await page.goto(path);
  await waitForApp(page);
  return { context, page };
}

/// The app is running: its header is there (a prerendered page, such as
/// /quiz, has one too before the app takes over, inside #prerendered).
export async function waitForApp(page) {
  await page.waitForSelector('[data-testid="save-state"]:not(#prerendered *)', { timeout: 20_000 });
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

/// For a test file: starts the server and the browser before its tests and
/// stops them after. Returns an object whose `server` and `browser` are set
/// once they run.
export function useServerAndBrowser() {
  const env = {};
  before(async () => {
    env.server = await startServer();
    env.browser = await launchBrowser();
  });
  after(async () => {
    await env.browser?.close();
    await env.server?.close();
  });
  return env;
}
