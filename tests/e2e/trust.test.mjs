// Work that survives the browser: dates in the person's own calendar, the
// browser asked to keep what is stored, a reminder to export, and a save
// read back after writing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  waitForApp, waitSaved, storedState, readDownload, useServerAndBrowser,
} from './lib/harness.mjs';
import { addRole, addElement } from './lib/matrix.mjs';

const env = useServerAndBrowser();

/// Like the harness's `openApp`, with context options (a time zone) and a
/// fixed clock set before the first page loads (`at`: an ISO time). The
/// clock only fixes `Date`; timers, and so the autosave, still run.
async function openAt(path, { at, timezoneId } = {}) {
  const context = await env.browser.newContext({
    acceptDownloads: true, baseURL: env.server.url, timezoneId,
  });
  const page = await context.newPage();
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(String(e)));
  page.on('console', (m) => {
    if (m.type() === 'error') page.errors.push(m.text());
  });
  if (at) await page.clock.setFixedTime(new Date(at));
  await page.goto(path);
  await waitForApp(page);
  return { context, page };
}

/// The open model as stored.
async function storedModel(page) {
  const state = await storedState(page);
  const id = state['opmodel.last'];
  return JSON.parse(state[`opmodel.model.${id}`]).model;
}

test('"Held today" late in a Los Angeles evening records the local date, not the UTC one', async () => {
  // 23:30 on December 2 in Los Angeles is 07:30 UTC on December 3.
  const { context, page } = await openAt('/governance', {
    at: '2026-12-03T07:30:00Z', timezoneId: 'America/Los_Angeles',
  });
  await page.getByRole('button', { name: '+ Review' }).click();
  const review = page.getByTestId('review-card');
  await review.getByRole('button', { name: 'Held today' }).click();
  assert.equal(await review.getByTestId('last-held').inputValue(), '2026-12-02');
  await waitSaved(page);
  const model = await storedModel(page);
  assert.equal(model.reviews[0].lastHeld, '2026-12-02');
  // The stored timestamps stay UTC.
  assert.equal(model.updatedAt, '2026-12-03T07:30:00Z');
  // An export is named after the local day too.
  await page.getByRole('link', { name: 'Models', exact: true }).click();
  const [download] = await Promise.all([
    page.waitForEvent('download'), page.getByTestId('export-button').click(),
  ]);
  assert.equal(download.suggestedFilename(), 'my-operating-model-2026-12-02.opmodel.json');
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('once a model has a role and an element the browser is asked to keep storage, and the Models page says its answer', async () => {
  const { context, page } = await openAt('/ownership');
  assert.equal((await storedState(page))['opmodel.persist'], undefined, 'not asked for an empty model');
  await addRole(page, 'Owner');
  assert.equal((await storedState(page))['opmodel.persist'], undefined, 'not asked for a role alone');
  await addElement(page, 'Billing');
  await page.waitForFunction(() => localStorage.getItem('opmodel.persist') !== null);
  // Headless Chromium, on a site it has no engagement with, says no
  // (measured: persist() and persisted() both give false).
  assert.equal((await storedState(page))['opmodel.persist'], 'denied');
  assert.equal(await page.evaluate(() => navigator.storage.persisted()), false);
  await page.getByRole('link', { name: 'Models', exact: true }).click();
  const note = 'This browser has not promised to keep the models stored here: it may delete them after some weeks without a visit (Safari after seven days) or when space runs low. Export your models as files to keep them safe, or install the app.';
  assert.equal(await page.getByTestId('persistence').innerText(), note);
  // On the next visit the state is read (persisted()), not asked again.
  await page.reload();
  await waitForApp(page);
  assert.equal(await page.getByTestId('persistence').innerText(), note);
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('changes not exported for seven days bring a reminder with a one-click export; Not now puts it off', async () => {
  const day = (n) => new Date(Date.UTC(2026, 10, n, 12, 0, 0));
  const later = (d, hours) => new Date(d.getTime() + hours * 3_600_000);
  const { context, page } = await openAt('/ownership', { at: day(1) });
  // An hour after the model was created (a change at the same instant
  // would be no change since).
  await page.clock.setFixedTime(later(day(1), 1));
  await addRole(page, 'Owner');
  await waitSaved(page);
  const header = page.getByTestId('header-export-reminder');
  const models = page.getByTestId('export-reminder');
  assert.equal(await header.count(), 0);

  // Six days on: not yet.
  await page.clock.setFixedTime(day(7));
  await page.reload();
  await waitForApp(page);
  assert.equal(await header.count(), 0);

  // Seven: in the header, and on the Models page with why.
  await page.clock.setFixedTime(day(8));
  await page.reload();
  await waitForApp(page);
  assert.equal(await header.locator('span').innerText(), 'Not exported for 7 days.');
  assert.equal(await header.getByRole('button', { name: 'Export' }).count(), 1);
  await page.getByRole('link', { name: 'Models', exact: true }).click();
  assert.equal(
    await models.locator('p').innerText(),
    '\u201cMy operating model\u201d has changes that have not been exported for 7 days. A browser may delete what a site stores (Safari after seven days without a visit): an exported file keeps your work safe.',
  );
  const [download] = await Promise.all([
    page.waitForEvent('download'), models.getByRole('button', { name: 'Export now' }).click(),
  ]);
  assert.deepEqual(JSON.parse(await readDownload(download)).model.roles.map((r) => r.name), ['Owner']);
  await models.waitFor({ state: 'detached' });
  assert.equal(await header.count(), 0);
  const id = (await storedState(page))['opmodel.last'];
  assert.deepEqual(JSON.parse((await storedState(page))['opmodel.exports']), {
    [id]: { exportedAt: '2026-11-08T12:00:00Z' },
  });

  // A change after the export, seven days later: reminded again; Not now
  // puts it off for seven more days, across a reload.
  await page.getByRole('link', { name: 'Ownership', exact: true }).click();
  await page.clock.setFixedTime(later(day(8), 1));
  await addRole(page, 'Finance');
  await waitSaved(page);
  await page.clock.setFixedTime(day(15));
  await page.goto('/models');
  await waitForApp(page);
  await models.getByRole('button', { name: 'Not now' }).click();
  await models.waitFor({ state: 'detached' });
  assert.equal(await header.count(), 0);
  await page.reload();
  await waitForApp(page);
  assert.equal(await models.count(), 0);
  await page.clock.setFixedTime(day(22));
  await page.reload();
  await waitForApp(page);
  assert.match(await models.innerText(), /not been exported for 14 days/);
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('a save the browser does not keep shows the storage banner and its download', async () => {
  const { context, page } = await openAt('/ownership');
  await addRole(page, 'Owner');
  await waitSaved(page);
  // From now on the browser keeps only half of each model it is given,
  // without an error.
  await page.evaluate(() => {
    const setItem = Storage.prototype.setItem;
    window.restoreSetItem = () => { Storage.prototype.setItem = setItem; };
    Storage.prototype.setItem = function (key, value) {
      const kept = key.startsWith('opmodel.model.') ? value.slice(0, value.length / 2) : value;
      return setItem.call(this, key, kept);
    };
  });
  await addRole(page, 'Finance');
  const banner = page.getByTestId('storage-banner');
  await banner.waitFor({ timeout: 5_000 });
  assert.equal(
    await banner.locator('p').innerText(),
    'Your latest changes are not saved: the browser did not keep what was written (reading it back gave a different text). Download the model to keep your work; the app will keep trying to save.',
  );
  assert.equal(await page.getByTestId('save-state').innerText(), 'Not saved');
  const [download] = await Promise.all([
    page.waitForEvent('download'), banner.getByRole('button', { name: 'Download model' }).click(),
  ]);
  assert.deepEqual(JSON.parse(await readDownload(download)).model.roles.map((r) => r.name), ['Owner', 'Finance']);
  // No conflict is raised over the mangled text: the next save tries again.
  assert.equal(await page.getByTestId('conflict-banner').count(), 0);
  await addRole(page, 'Legal');
  await page.waitForTimeout(600);
  assert.equal(await page.getByTestId('conflict-banner').count(), 0);
  assert.equal(await banner.count(), 1);
  // Once the browser keeps writes again, the next save clears the banner.
  await page.evaluate(() => window.restoreSetItem());
  await addRole(page, 'Sales');
  await waitSaved(page);
  assert.equal(await banner.count(), 0);
  assert.deepEqual((await storedModel(page)).roles.map((r) => r.name), ['Owner', 'Finance', 'Legal', 'Sales']);
  assert.deepEqual(page.errors, []);
  await context.close();
});
