// Prerendering, run by `cargo xtask postbuild` on a release build: opens
// each given page of the quiz app (quiz.html, embed.html) in headless
// Chromium, with empty storage, and prints what the app drew there as JSON
// ({ "/quiz": { bodyClass, html } }). The build writes it into the static
// page that a browser can paint before the app's wasm has even arrived;
// the app takes over from it when it starts (crates/quiz/src/prerendered.rs).
//
// Usage: node xtask/prerender.mjs <build folder> <path>...   (CHROMIUM may
// name the browser; the default is Debian's /usr/bin/chromium.)

// The build folder served as a host would, and Chromium as the browser
// tests run it: the same set-up as theirs.
import { startServer, launchBrowser } from '../tests/e2e/lib/harness.mjs';

const [dir, ...paths] = process.argv.slice(2);
if (!dir || paths.length === 0) {
  console.error('usage: node xtask/prerender.mjs <build folder> <path>...');
  process.exit(2);
}

const server = await startServer({ dist: dir });
const browser = await launchBrowser();
const out = {};
try {
  for (const path of paths) {
    // A fresh context: empty storage (the quiz app shows the same first
    // screen to everyone). No service worker: its file list is filled in
    // after this step.
    const context = await browser.newContext({ baseURL: server.url, serviceWorkers: 'block' });
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await page.goto(path);
    await page.waitForSelector('[data-testid="question"] input[type="radio"]', { timeout: 30_000 });
    // Let the first frame's effects run (focus, deferred work).
    await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => setTimeout(ok, 50))));
    if (errors.length) throw new Error(`${path}: the app reported errors: ${errors.join(' | ')}`);
    out[path] = await page.evaluate(() => {
      const body = document.body.cloneNode(true);
      body.querySelectorAll('script, noscript').forEach((e) => e.remove());
      // Inline styles are not allowed by the page's policy (style-src
      // 'self'); the app sets the only one here (the progress bar's width)
      // through the CSSOM, and the stylesheet gives the same start.
      body.querySelectorAll('[style]').forEach((e) => e.removeAttribute('style'));
      const walker = document.createTreeWalker(body, NodeFilter.SHOW_COMMENT);
      const comments = [];
      while (walker.nextNode()) comments.push(walker.currentNode);
      comments.forEach((c) => c.remove());
      // Until the app runs, only the answers work: they are carried over.
      // The theme cannot change yet, so it says so rather than ignore a choice.
      body.querySelectorAll('select').forEach((e) => e.setAttribute('disabled', ''));
      const first = body.querySelector('[data-testid="question"] input[type="radio"]');
      if (first) first.setAttribute('autofocus', '');
      return { bodyClass: document.body.className, html: body.innerHTML.trim() };
    });
    await context.close();
  }
} finally {
  await browser.close();
  await server.close();
}
process.stdout.write(JSON.stringify(out));
