// Two tabs on the same model, and storage that changes under the app: an edit
// in one tab shows in the other; conflicting edits are put to the user, who
// chooses; nothing stored is overwritten without that choice.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  openApp, waitForApp, waitSaved, storedState, readDownload, useServerAndBrowser,
} from './lib/harness.mjs';
import { addRole, addElement, roleNames } from './lib/matrix.mjs';

const env = useServerAndBrowser();

/// Lets a test hold this page's delayed timers (and so its autosave) and
/// release them later. Zero-delay ones still run: the app uses them for
/// what follows a painted frame, such as the save indicator. Playwright's
/// clock would freeze every tab of the context.
function timerHold() {
  const realSetTimeout = window.setTimeout.bind(window);
  window.__held = null;
  window.setTimeout = (fn, ms, ...args) => {
    if (!window.__held || !ms) return realSetTimeout(fn, ms, ...args);
    window.__held.push(() => fn(...args));
    return 0;
  };
  window.__release = () => {
    const held = window.__held || [];
    window.__held = null;
    held.forEach((f) => f());
  };
}

const holdTimers = (page) => page.evaluate(() => { window.__held = []; });
const releaseTimers = (page) => page.evaluate(() => window.__release());

/// A second tab in the same context (so the same storage), whose timers the
/// test can hold. Like every page of a context the harness opened, any page
/// error in it fails the test.
async function secondTab(context, path) {
  const page = await context.newPage();
  await page.addInitScript(timerHold);
  await page.goto(path);
  await waitForApp(page);
  return page;
}

/// Every stored model's text, by key.
async function storedModels(page) {
  const state = await storedState(page);
  return Object.fromEntries(Object.entries(state).filter(([k]) => k.startsWith('opmodel.model.')));
}

async function modelNames(page) {
  return Object.values(await storedModels(page)).map((t) => JSON.parse(t).model.name).sort();
}

async function waitForRoles(page, names) {
  await page.waitForFunction(
    (want) => JSON.stringify([...document.querySelectorAll('.grid-head .col-header .name-button')]
      .map((b) => b.innerText.trim())) === JSON.stringify(want),
    names,
    { timeout: 5_000 },
  );
}

/// Sets the first cell of the grid (the first element, the first role).
async function setFirstCell(page, key) {
  await page.locator('#ownership-grid .cell').first().focus();
  await page.keyboard.press(key);
}

/// Tab A adds a role and saves while tab B holds an unsaved edit of its own
/// (B's autosave timer is held): the classic lost-update race. Both tabs
/// also put a different letter in the same cell, so the edits collide.
async function conflictingEdits() {
  const { context, page: a } = await openApp(env.browser, env.server.url, '/ownership');
  await addRole(a, 'Finance');
  await addElement(a, 'Invoicing');
  await waitSaved(a);
  const b = await secondTab(context, '/ownership');
  assert.deepEqual(await roleNames(b), ['Finance']);
  await holdTimers(b);
  await addRole(b, 'Legal');
  await setFirstCell(b, 'r');
  await b.getByTestId('save-state').filter({ hasText: 'Saving...' }).waitFor();
  await addRole(a, 'Sales');
  await setFirstCell(a, 'a');
  await waitSaved(a);
  const theirs = await storedModels(a);
  await b.getByTestId('conflict-banner').waitFor();
  return { context, a, b, theirs };
}

test('an edit in one tab shows in the other, both ways, and undo follows', async () => {
  const { context, page: a } = await openApp(env.browser, env.server.url, '/ownership');
  const b = await secondTab(context, '/ownership');
  await addRole(a, 'Finance');
  await waitSaved(a);
  await waitForRoles(b, ['Finance']);
  await addRole(b, 'Legal');
  await waitSaved(b);
  await waitForRoles(a, ['Finance', 'Legal']);
  // The change that arrived is one undo step in the tab that received it;
  // undoing it is an edit like any other and goes back to the first tab.
  await a.getByRole('button', { name: 'Undo', exact: true }).click();
  await waitForRoles(a, ['Finance']);
  await waitSaved(a);
  await waitForRoles(b, ['Finance']);
  assert.equal(await a.getByTestId('conflict-banner').count(), 0);
  assert.equal(await b.getByTestId('conflict-banner').count(), 0);
  await context.close();
});

test('conflicting edits are put to the user and nothing is overwritten until they choose', async () => {
  const { context, a, b, theirs } = await conflictingEdits();
  const banner = b.getByTestId('conflict-banner');
  assert.match(await banner.innerText(), /changed in another tab or window/);
  // What collides, in words: the one cell both tabs set.
  assert.deepEqual(await banner.getByTestId('conflict-list').locator('li').allTextContents(), [
    'Element “Invoicing”, the letter of “Finance”: yours “R”, theirs “A”.',
  ]);
  assert.equal(await b.getByTestId('save-state').innerText(), 'Not saved');
  // B's own edits go on, and still nothing is written.
  await addRole(b, 'Support');
  await releaseTimers(b);
  await b.waitForTimeout(600);
  assert.deepEqual(await storedModels(b), theirs, 'the other tab\u2019s save is untouched');
  // The work can be downloaded at any time.
  const [download] = await Promise.all([
    b.waitForEvent('download'),
    banner.getByRole('button', { name: 'Download this tab\u2019s version' }).click(),
  ]);
  const mine = JSON.parse(await readDownload(download)).model;
  assert.deepEqual(mine.roles.map((r) => r.name), ['Finance', 'Legal', 'Support']);

  await banner.getByRole('button', { name: 'Keep this tab\u2019s version' }).click();
  await banner.waitFor({ state: 'detached' });
  await waitSaved(b);
  // The first tab had nothing unsaved, so it simply shows the kept version.
  await waitForRoles(a, ['Finance', 'Legal', 'Support']);
  await context.close();
});

test('using the other version is one undo step away from your own', async () => {
  const { context, a, b } = await conflictingEdits();
  await b.getByRole('button', { name: 'Use the other version' }).click();
  await waitForRoles(b, ['Finance', 'Sales']);
  await b.getByRole('button', { name: 'Undo', exact: true }).click();
  await waitForRoles(b, ['Finance', 'Legal']);
  await releaseTimers(b);
  await waitSaved(b);
  await waitForRoles(a, ['Finance', 'Legal']);
  await context.close();
});

test('keeping both stores this tab\u2019s version as a new model next to the other', async () => {
  const { context, b } = await conflictingEdits();
  await b.getByRole('button', { name: 'Keep both' }).click();
  await b.getByTestId('conflict-banner').waitFor({ state: 'detached' });
  assert.deepEqual(await roleNames(b), ['Finance', 'Legal']);
  assert.deepEqual(await modelNames(b), [
    'My operating model',
    'My operating model (this tab\u2019s version)',
  ]);
  const byName = Object.fromEntries(Object.values(await storedModels(b)).map((t) => {
    const m = JSON.parse(t).model;
    return [m.name, m.roles.map((r) => r.name)];
  }));
  assert.deepEqual(byName['My operating model'], ['Finance', 'Sales']);
  assert.deepEqual(byName['My operating model (this tab\u2019s version)'], ['Finance', 'Legal']);
  await context.close();
});

test('closing a tab with an unanswered conflict keeps its version as a copy', async () => {
  const { context, a, b } = await conflictingEdits();
  await b.close({ runBeforeUnload: true });
  await a.waitForFunction(() => Object.keys(localStorage).filter((k) => k.startsWith('opmodel.model.')).length === 2);
  const names = await modelNames(a);
  assert.deepEqual(names, ['My operating model', 'My operating model (this tab\u2019s version)']);
  await context.close();
});

test('a model deleted in another tab stays open and can be kept', async () => {
  const { context, page: a } = await openApp(env.browser, env.server.url, '/ownership');
  await addRole(a, 'Finance');
  await waitSaved(a);
  const b = await secondTab(context, '/models');
  const keyOfA = await a.evaluate(() => `opmodel.model.${localStorage.getItem('opmodel.last')}`);
  await b.evaluate((k) => localStorage.removeItem(k), keyOfA);
  const banner = a.getByTestId('conflict-banner');
  await banner.waitFor();
  assert.match(await banner.innerText(), /deleted in another tab or window/);
  assert.deepEqual(await roleNames(a), ['Finance'], 'the model is still open here');
  await banner.getByRole('button', { name: 'Keep it' }).click();
  await banner.waitFor({ state: 'detached' });
  const stored = await storedModels(a);
  assert.ok(stored[keyOfA], 'stored again under its key');
  assert.deepEqual(JSON.parse(stored[keyOfA]).model.roles.map((r) => r.name), ['Finance']);
  await context.close();
});

test('edits in two tabs that do not collide are combined without a question, one undo step, and saved', async () => {
  const { context, page: a } = await openApp(env.browser, env.server.url, '/ownership');
  await addRole(a, 'Finance');
  await waitSaved(a);
  const b = await secondTab(context, '/ownership');
  await holdTimers(b);
  await addRole(b, 'Legal');
  await b.getByTestId('save-state').filter({ hasText: 'Saving...' }).waitFor();
  await addRole(a, 'Sales');
  await waitSaved(a);
  // B combines A's role with its own, says what arrived, and asks nothing.
  await waitForRoles(b, ['Finance', 'Legal', 'Sales']);
  await b.getByText('Changes made in another tab or window arrived and were combined with yours (1 role added).', { exact: false }).waitFor();
  assert.equal(await b.getByTestId('conflict-banner').count(), 0);
  await releaseTimers(b);
  await waitSaved(b);
  const stored = Object.values(await storedModels(b)).map((t) => JSON.parse(t).model.roles.map((r) => r.name));
  assert.deepEqual(stored, [['Finance', 'Legal', 'Sales']]);
  await waitForRoles(a, ['Finance', 'Legal', 'Sales']);
  // Undo in B takes the arrival back out, and that is saved too.
  await b.getByRole('button', { name: 'Undo', exact: true }).click();
  await waitForRoles(b, ['Finance', 'Legal']);
  await waitSaved(b);
  await waitForRoles(a, ['Finance', 'Legal']);
  await context.close();
});

test('storage changed under the app (no event) is noticed before saving over it, and combined with this tab\u2019s edits', async () => {
  const { context, page } = await openApp(env.browser, env.server.url, '/ownership');
  await addRole(page, 'Finance');
  await waitSaved(page);
  // Something else with access to this origin's storage rewrites the model
  // (here the page itself, so no storage event is sent).
  const key = await page.evaluate(() => `opmodel.model.${localStorage.getItem('opmodel.last')}`);
  const changed = await page.evaluate((k) => {
    const file = JSON.parse(localStorage.getItem(k));
    file.model.name = 'Changed underneath';
    const text = JSON.stringify(file);
    localStorage.setItem(k, text);
    return text;
  }, key);
  await addRole(page, 'Legal');
  // The save finds the key changed: the two versions are merged (the new
  // name from there, the role from here), nothing is lost, nothing asked.
  await page.getByText('arrived and were combined with yours', { exact: false }).waitFor();
  await page.getByTestId('model-name').filter({ hasText: 'Changed underneath' }).waitFor();
  assert.deepEqual(await roleNames(page), ['Finance', 'Legal']);
  assert.equal(await page.getByTestId('conflict-banner').count(), 0);
  await waitSaved(page);
  const stored = JSON.parse((await storedState(page))[key]).model;
  assert.equal(stored.name, 'Changed underneath');
  assert.deepEqual(stored.roles.map((r) => r.name), ['Finance', 'Legal']);
  assert.notEqual((await storedState(page))[key], changed);
  await context.close();
});

test('unreadable text written under the app is kept as a backup when the user keeps theirs', async () => {
  const { context, page } = await openApp(env.browser, env.server.url, '/ownership');
  await addRole(page, 'Finance');
  await waitSaved(page);
  const key = await page.evaluate(() => `opmodel.model.${localStorage.getItem('opmodel.last')}`);
  await page.evaluate((k) => localStorage.setItem(k, '{"format": "opmodel", "trunc'), key);
  await addRole(page, 'Legal');
  const banner = page.getByTestId('conflict-banner');
  await banner.waitFor();
  assert.match(await banner.innerText(), /cannot be read: The file ends too early/);
  assert.equal(await banner.getByRole('button', { name: 'Use the other version' }).count(), 0);
  await banner.getByRole('button', { name: 'Keep this tab\u2019s version' }).click();
  await banner.waitFor({ state: 'detached' });
  await waitSaved(page);
  const state = await storedState(page);
  assert.deepEqual(JSON.parse(state[key]).model.roles.map((r) => r.name), ['Finance', 'Legal']);
  const backups = Object.entries(state).filter(([k]) => k.startsWith('opmodel.backup.'));
  assert.equal(backups.length, 1);
  assert.equal(backups[0][1], '{"format": "opmodel", "trunc');
  await context.close();
});

test('the Models page lists what another tab stores, renames and deletes', async () => {
  const { context, page: a } = await openApp(env.browser, env.server.url, '/models');
  await a.getByTestId('new-model').click();
  await waitSaved(a);
  // Both tabs have the new model open; the first one is only listed.
  const b = await secondTab(context, '/models');
  const listed = (page) => page.evaluate(() => [...document.querySelectorAll('[data-testid="model-row"] input')]
    .map((i) => i.value).sort());
  const waitListed = (page, names) => page.waitForFunction(
    (want) => JSON.stringify([...document.querySelectorAll('[data-testid="model-row"] input')]
      .map((i) => i.value).sort()) === JSON.stringify(want),
    names,
    { timeout: 5_000 },
  ).catch(async () => assert.deepEqual(await listed(page), names));
  await waitListed(b, ['My operating model', 'My operating model']);
  // Tab B has read the other model for its listing; tab A renames it.
  const other = a.getByTestId('model-row').filter({ hasNotText: 'Open now' }).getByRole('textbox');
  await other.fill('Renamed in tab A');
  await other.press('Enter');
  await waitListed(b, ['My operating model', 'Renamed in tab A']);
  const row = a.getByTestId('model-row').filter({ hasNotText: 'Open now' });
  await row.getByRole('button', { name: 'Delete' }).click();
  await row.getByRole('button', { name: 'Delete' }).first().click();
  await waitListed(b, ['My operating model']);
  await context.close();
});
