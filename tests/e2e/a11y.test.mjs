// WCAG 2.2 AA: axe-core on every page, empty and with a sample model, in the
// light and the dark theme.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { startServer, launchBrowser, openApp, waitForApp } from './lib/harness.mjs';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const PAGES = ['/', '/quiz', '/ownership', '/decisions', '/decisions/cards', '/governance', '/progress', '/models', '/embed', '/no-such-page'];

let server;
let browser;
before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

async function axe(page) {
  await page.addScriptTag({ path: AXE });
  return page.evaluate(async () => {
    const result = await window.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 3).map((n) => `${n.target.join(' ')} :: ${n.failureSummary?.split('\n').slice(0, 2).join(' ')}`),
    }));
  });
}

for (const scheme of ['light', 'dark']) {
  for (const withSample of [false, true]) {
    test(`no axe violations on any page (${scheme}, ${withSample ? 'sample model' : 'empty model'})`, async () => {
      const { context, page } = await openApp(browser, server.url, '/models');
      await page.emulateMedia({ colorScheme: scheme });
      if (withSample) {
        await page.getByTestId('sample-agency').click();
        await page.waitForURL(/ownership/);
      }
      const problems = {};
      for (const path of PAGES) {
        await page.goto(path);
        await page.waitForSelector('main', { timeout: 20_000 });
        await page.waitForTimeout(50);
        const violations = await axe(page);
        if (violations.length) problems[path] = violations;
      }
      assert.deepEqual(problems, {}, JSON.stringify(problems, null, 1));
      await context.close();
    });
  }
}
