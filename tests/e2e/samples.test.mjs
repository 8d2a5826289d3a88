// The sample models are files (public/samples/<key>.opmodel.json) fetched
// when one is opened: the button is busy meanwhile, a failed download or a
// broken file says so and changes nothing, and after a first visit the
// service worker has them for offline use.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  startServer, useBrowser, openApp, allowErrors, waitForApp, waitSaved, storedState,
} from './lib/harness.mjs';

// Each test starts its own server (the offline one takes it down).
const env = useBrowser();

/// The Models page in a context without the service worker: with it, the
/// page's requests for the sample files would be answered from its cache,
/// where `page.route` does not see them.
async function modelsPageWithoutServiceWorker(server) {
  const context = await env.browser.newContext({ baseURL: server.url, serviceWorkers: 'block' });
  const page = await context.newPage();
  await page.goto('/models');
  await waitForApp(page);
  await waitSaved(page);
  return { context, page };
}

const focused = (page) => page.evaluate(() => document.activeElement?.dataset.testid ?? null);

test('while its file downloads, the sample button is busy and keeps the focus; then the copy opens', async () => {
  const server = await startServer();
  try {
    const { page } = await modelsPageWithoutServiceWorker(server);
    let release;
    const held = new Promise((ok) => { release = ok; });
    const asked = [];
    await page.route('**/samples/**', async (route) => {
      asked.push(new URL(route.request().url()).pathname);
      await held;
      await route.continue();
    });
    const button = page.getByTestId('sample-saas');
    await button.focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelector('[data-testid=sample-saas]').getAttribute('aria-busy') === 'true');
    assert.equal((await button.innerText()).trim(), 'Opening Shiftwell\u2026');
    for (const key of ['ecommerce', 'saas', 'agency']) {
      assert.equal(await page.getByTestId(`sample-${key}`).getAttribute('aria-disabled'), 'true', key);
    }
    assert.equal(await page.getByTestId('sample-agency').getAttribute('aria-busy'), null);
    // A second press while it loads starts nothing more.
    await page.getByTestId('sample-agency').focus();
    await page.keyboard.press('Enter');
    assert.equal(await focused(page), 'sample-agency');
    release();
    await page.waitForURL(/\/ownership$/);
    assert.deepEqual(asked, ['/samples/saas.opmodel.json']);
    await page.getByRole('status').filter({ hasText: 'Opened a copy of the sample \u201cShiftwell\u201d.' }).waitFor();
    await waitSaved(page);
    const stored = await storedState(page);
    const model = JSON.parse(stored[`opmodel.model.${stored['opmodel.last']}`]).model;
    assert.equal(model.name, 'Shiftwell: B2B software company (sample)');
    assert.notEqual(model.id, 'sample-saas', 'a copy gets an id of its own');
  } finally {
    await server.close();
  }
});

test('a sample whose download fails, or whose file is broken, says so and changes nothing', async () => {
  const server = await startServer();
  try {
    const { page } = await modelsPageWithoutServiceWorker(server);
    // The aborted request and the broken file are the point of this test.
    allowErrors(page, /^Failed to load resource: net::ERR_FAILED \(at .*\/samples\/ecommerce\.opmodel\.json\)$/);
    const before = await storedState(page);

    await page.route('**/samples/**', (route) => route.abort());
    await page.getByTestId('sample-ecommerce').click();
    const failed = page.getByRole('alert').filter({ hasText: 'could not be opened' });
    await failed.waitFor();
    assert.equal(
      (await failed.locator('p').innerText()).trim(),
      'The sample \u201cFernhill Home\u201d could not be opened. The file /samples/ecommerce.opmodel.json could not be downloaded: the network cannot be reached and no copy was kept from an earlier visit. Nothing was changed.',
    );
    assert.match(page.url(), /\/models$/);
    assert.equal(await focused(page), 'sample-ecommerce', 'the focus stays on the button');
    const button = page.getByTestId('sample-ecommerce');
    assert.equal(await button.getAttribute('aria-busy'), null);
    assert.equal(await button.getAttribute('aria-disabled'), null);
    assert.equal((await button.innerText()).trim(), 'Open Fernhill Home');
    assert.deepEqual(await storedState(page), before);

    await page.unroute('**/samples/**');
    await page.route('**/samples/**', (route) => route.fulfill({ contentType: 'application/json', body: '{"format": "opmodel", "schemaVersion": 2, "model": {' }));
    await page.getByTestId('sample-agency').click();
    const broken = page.getByRole('alert').filter({ hasText: 'Studio Kestrel' });
    await broken.waitFor();
    assert.equal(
      (await broken.locator('p').innerText()).trim(),
      'The sample \u201cStudio Kestrel\u201d could not be opened. Its file /samples/agency.opmodel.json is broken: The file ends too early (line 1, column 52): it was probably cut off while being copied or downloaded. Nothing was changed.',
    );
    assert.match(page.url(), /\/models$/);
    assert.deepEqual(await storedState(page), before);
  } finally {
    await server.close();
  }
});

test('after one visit a sample opens with the network gone', async () => {
  const server = await startServer();
  const { context, page } = await openApp(env.browser, server.url, '/models');
  try {
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
      if (!navigator.serviceWorker.controller) {
        await new Promise((ok) => navigator.serviceWorker.addEventListener('controllerchange', ok, { once: true }));
      }
    });
    server.down(true);
    await context.setOffline(true);
    await page.reload();
    await waitForApp(page);
    const file = page.waitForResponse((r) => r.url().endsWith('/samples/agency.opmodel.json'));
    await page.getByTestId('sample-agency').click();
    assert.equal((await file).fromServiceWorker(), true);
    await page.waitForURL(/\/ownership$/);
    await page.getByRole('grid', { name: 'Ownership matrix: elements by roles' }).getByRole('gridcell').first().waitFor();
    await waitSaved(page);
    const stored = await storedState(page);
    const model = JSON.parse(stored[`opmodel.model.${stored['opmodel.last']}`]).model;
    assert.equal(model.name, 'Studio Kestrel: digital agency (sample)');
    assert.equal(model.elements.length, 19);
  } finally {
    await server.close();
  }
});
