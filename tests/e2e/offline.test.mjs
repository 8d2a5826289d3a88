// Installable and offline: the manifest and icons, a service worker that
// keeps the app's files so it opens and works with the network gone, and the
// "new version available" offer when a new build is published.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  startServer, useBrowser, openApp, waitForApp, waitSaved, storedState,
} from './lib/harness.mjs';
import { addRole, roleNames } from './lib/matrix.mjs';

// Each test starts its own server (one serves a copy of the build).
const env = useBrowser();

/// A copy of the build, so a test can publish a "new version" of it.
async function copyOfDist() {
  const dir = await mkdtemp(join(tmpdir(), 'opmodel-dist-'));
  await cp(resolve(process.env.DIST ?? 'dist'), dir, { recursive: true });
  return dir;
}

/// Waits until the service worker controls the page, i.e. the files are kept.
async function waitForServiceWorker(page) {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((ok) => navigator.serviceWorker.addEventListener('controllerchange', ok, { once: true }));
    }
  });
}

test('the manifest names the app and its icons, and every icon is there', async () => {
  const server = await startServer();
  try {
    const html = await (await fetch(`${server.url}/`)).text();
    assert.match(html, /<link rel="manifest" href="\/manifest.webmanifest"/);
    const manifest = await (await fetch(`${server.url}/manifest.webmanifest`)).json();
    assert.equal(manifest.name, 'OpModel');
    assert.equal(manifest.display, 'standalone');
    assert.equal(manifest.start_url, '/');
    const sizes = manifest.icons.map((i) => `${i.sizes} ${i.purpose}`);
    assert.deepEqual(sizes, ['192x192 any', '512x512 any', '512x512 maskable']);
    for (const icon of manifest.icons) {
      const bytes = Buffer.from(await (await fetch(`${server.url}${icon.src}`)).arrayBuffer());
      assert.deepEqual([...bytes.subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47], `${icon.src} is a PNG`);
      const [w, h] = [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];
      assert.equal(`${w}x${h}`, icon.sizes, icon.src);
    }
  } finally {
    await server.close();
  }
});

test('after one visit the app opens, edits and saves with the network gone', async () => {
  const server = await startServer();
  const { context, page } = await openApp(env.browser, server.url, '/ownership');
  try {
    await waitForServiceWorker(page);
    await addRole(page, 'Finance');
    await waitSaved(page);

    server.down(true);
    await context.setOffline(true);
    await page.reload();
    await waitForApp(page);
    assert.deepEqual(await roleNames(page), ['Finance'], 'the stored model is back');
    await addRole(page, 'Legal');
    await waitSaved(page);
    const stored = Object.entries(await storedState(page)).find(([k]) => k.startsWith('opmodel.model.'))[1];
    assert.deepEqual(JSON.parse(stored).model.roles.map((r) => r.name), ['Finance', 'Legal']);
    // Another page of the app, opened directly, works too; /quiz is the
    // quiz app's prerendered page, which the workshop's worker keeps too,
    // with the quiz app's files.
    const quiz = await page.goto('/quiz');
    assert.equal(quiz.fromServiceWorker(), true);
    assert.match(await quiz.text(), /<div id="prerendered">/);
    await page.waitForSelector('[data-testid="question"]:not(#prerendered *)');
    await page.getByRole('heading', { level: 1 }).waitFor();
  } finally {
    await context.close();
    await server.close();
  }
});

test('a new build is offered with "reload", and reloading brings it in', async () => {
  const dist = await copyOfDist();
  const server = await startServer({ dist });
  const { context, page } = await openApp(env.browser, server.url, '/ownership');
  try {
    await waitForServiceWorker(page);
    const first = await page.evaluate(() => caches.keys());
    assert.equal(first.length, 1);
    assert.equal(await page.getByTestId('update-banner').count(), 0, 'no offer on a first visit');

    // Publish a "new build": a changed stylesheet, and the sw.js a build
    // would then have (a new version and file list).
    const sw = await readFile(join(dist, 'sw.js'), 'utf8');
    const version = sw.match(/const VERSION = '([0-9a-f]+)'/)[1];
    await writeFile(join(dist, 'sw.js'), sw.replace(version, `${version.slice(0, -4)}beef`));
    await addRole(page, 'Finance');
    await page.reload();
    await waitForApp(page);
    const banner = page.getByTestId('update-banner');
    await banner.waitFor({ timeout: 15_000 });
    assert.match(await banner.innerText(), /A new version of OpModel is available/);
    assert.deepEqual(await roleNames(page), ['Finance'], 'the old version still runs meanwhile');

    await Promise.all([
      page.waitForEvent('load'),
      banner.getByRole('button', { name: 'Reload' }).click(),
    ]);
    await waitForApp(page);
    assert.equal(await page.getByTestId('update-banner').count(), 0);
    assert.deepEqual(await roleNames(page), ['Finance'], 'the work is kept');
    const caches = await page.evaluate(() => caches.keys());
    assert.deepEqual(caches, [`opmodel-${version.slice(0, -4)}beef`], 'the new version runs and the old files are gone');
  } finally {
    await context.close();
    await server.close();
    await rm(dist, { recursive: true, force: true });
  }
});
