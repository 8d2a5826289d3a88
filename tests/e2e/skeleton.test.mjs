// The walking skeleton end to end: storage, reload, export, import, bad files,
// a full storage.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { join, dirname } from 'node:path';
import { readFileSync } from 'node:fs';
import {
  openApp, waitForApp, waitSaved, storedState, readDownload, useServerAndBrowser,
} from './lib/harness.mjs';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');
const env = useServerAndBrowser();

import { addRole, addElement, renameOpenModel, roleNames, elementNames } from './lib/matrix.mjs';

async function listedModels(page) {
  await page.goto('/models');
  await waitForApp(page);
  return page.getByTestId('model-row').allInnerTexts();
}

/// What the browser hands a page when a file named `name` holding `text` is
/// dragged over it: for dispatching `dragover` and `drop`.
function draggedFile(page, name, text) {
  return page.evaluateHandle(([n, t]) => {
    const dt = new DataTransfer();
    dt.items.add(new File([t], n, { type: 'application/json' }));
    return dt;
  }, [name, text]);
}

function modelTexts(state) {
  return Object.fromEntries(Object.entries(state).filter(([k]) => k.startsWith('opmodel.model.')));
}

test('a model with two roles and three elements survives a reload', async () => {
  const { context, page } = await openApp(env.browser, env.server.url, '/models');
  await renameOpenModel(page, 'Acme Operations');
  await page.goto('/ownership');
  await waitForApp(page);
  await addRole(page, 'Head of Operations');
  await addRole(page, 'Support Lead');
  await addElement(page, 'Order fulfilment', 'process');
  await addElement(page, 'Customer record', 'data');
  await addElement(page, 'Refund handling', 'workflow');
  await waitSaved(page);

  await page.reload();
  await waitForApp(page);
  assert.equal(new URL(page.url()).pathname, '/ownership', 'reload keeps the page');
  assert.equal(await page.getByTestId('model-name').innerText(), 'Acme Operations');
  assert.deepEqual(await roleNames(page), ['Head of Operations', 'Support Lead']);
  assert.deepEqual(await elementNames(page), ['Order fulfilment', 'Customer record', 'Refund handling']);
  const kinds = page.locator('.grid-body .kind-select');
  assert.deepEqual(await kinds.evaluateAll((els) => els.map((e) => e.value)), ['process', 'data', 'workflow']);
  await context.close();
});

test('an empty name is refused with a message and the old name kept', async () => {
  const { context, page } = await openApp(env.browser, env.server.url, '/ownership');
  await addRole(page, 'Finance');
  await page.getByRole('button', { name: 'Finance', exact: true }).click();
  const role = page.getByLabel('Name of role Finance');
  await role.fill('   ');
  await role.press('Enter');
  await page.getByText('The name is empty.').waitFor();
  await role.press('Escape');
  assert.deepEqual(await roleNames(page), ['Finance']);
  await context.close();
});

test('export then import gives two equal models in the list', async () => {
  const { context, page } = await openApp(env.browser, env.server.url, '/models');
  await renameOpenModel(page, 'Round trip');
  await page.goto('/ownership');
  await waitForApp(page);
  await addRole(page, 'Owner');
  await addElement(page, 'Billing', 'process');
  await waitSaved(page);

  await page.goto('/models');
  await waitForApp(page);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-button').click()]);
  assert.match(download.suggestedFilename(), /^round-trip-\d{4}-\d{2}-\d{2}\.opmodel\.json$/);
  const text = await readDownload(download);
  const file = JSON.parse(text);
  assert.equal(file.format, 'opmodel');
  assert.equal(file.schemaVersion, 5);
  assert.equal(file.model.name, 'Round trip');

  await page.getByTestId('import-input').setInputFiles({ name: 'round.opmodel.json', mimeType: 'application/json', buffer: Buffer.from(text) });
  // Its own export: recognized, and nothing changes before a choice.
  await page.getByText('The version of “Round trip” exported from here on').waitFor();
  await page.getByTestId('incoming-copy').click();
  await page.getByText('Imported “Round trip” as a new model').waitFor();
  await waitSaved(page);
  const rows = await listedModels(page);
  assert.equal(rows.length, 2);
  const stored = Object.values(modelTexts(await storedState(page))).map((t) => JSON.parse(t).model);
  assert.equal(stored.length, 2);
  assert.notEqual(stored[0].id, stored[1].id, 'the import got its own id');
  const strip = ({ id, lineage, ...rest }) => rest;
  assert.deepEqual(strip(stored[0]), strip(stored[1]));
  // Of one family: the copy descends from the version exported.
  const [original, copy] = stored[0].lineage ? [stored[1], stored[0]] : stored;
  assert.equal(copy.lineage.id, original.id);
  assert.equal(copy.lineage.basedOn.at(-1).id, file.model.lineage.version.id);
  await context.close();
});

test('bad files show a clear message and change nothing', async () => {
  const { context, page } = await openApp(env.browser, env.server.url, '/ownership');
  await addRole(page, 'Owner');
  await waitSaved(page);
  await page.goto('/models');
  await waitForApp(page);
  const before = await storedState(page);

  const cases = [
    ['malformed.opmodel.json', /“malformed\.opmodel\.json” could not be imported\. The file ends too early \(line 7, column 0\): it was probably cut off/],
    ['dangling-role.opmodel.json', /could not be imported\. elements\[1\]\.assignments: unknown role "role-ghost"\. Nothing was changed\./],
  ];
  for (const [name, message] of cases) {
    await page.getByTestId('import-input').setInputFiles(join(FIXTURES, name));
    const alert = page.getByRole('alert').filter({ hasText: message });
    await alert.waitFor();
  }
  await page.getByTestId('import-input').setInputFiles({ name: 'photo.png', mimeType: 'image/png', buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0xff]) });
  await page.getByRole('alert').filter({ hasText: 'The file is not text' }).waitFor();

  assert.deepEqual(await storedState(page), before, 'storage is byte-for-byte unchanged');
  assert.equal((await page.getByTestId('model-row').all()).length, 1);
  await context.close();
});

test('a file dropped on the page is imported', async () => {
  const { context, page } = await openApp(env.browser, env.server.url, '/');
  const text = await (await import('node:fs/promises')).readFile(join(FIXTURES, 'valid-small.opmodel.json'), 'utf8');
  const dataTransfer = await draggedFile(page, 'bakery.opmodel.json', text);
  await page.dispatchEvent('main', 'dragover', { dataTransfer });
  await page.dispatchEvent('main', 'drop', { dataTransfer });
  await page.getByText('Imported “Fixture bakery” as a new model').waitFor();
  assert.equal(await page.getByTestId('model-name').innerText(), 'Fixture bakery');
  await context.close();
});

test('the file reader is prepared in the background where an import is likely, and that changes nothing', async () => {
  const { context, page } = await openApp(env.browser, env.server.url, '/');
  const prepared = () => page.evaluate(() => performance.getEntriesByName('opmodel:import-prepared').length);
  await waitSaved(page);
  const before = await storedState(page);
  // The quiz, where most visitors stay, does not pay for it.
  await page.waitForTimeout(300);
  assert.equal(await prepared(), 0, 'not prepared on the quiz');
  // The Models page has the import button: prepared once it has painted.
  await page.getByRole('link', { name: 'Models', exact: true }).click();
  await page.waitForFunction(() => performance.getEntriesByName('opmodel:import-prepared').length === 1);
  // Once a page load: dragging a file over the page does not run it again.
  const dataTransfer = await draggedFile(page, 'x.opmodel.json', '{}');
  await page.dispatchEvent('main', 'dragover', { dataTransfer });
  await page.dispatchEvent('main', 'dragleave', { dataTransfer });
  await page.waitForTimeout(300);
  assert.equal(await prepared(), 1);
  // Nothing changed: no notice, the same models, storage byte for byte.
  assert.equal(await page.getByTestId('notices').innerText(), '');
  assert.deepEqual(await storedState(page), before);
  assert.equal(await page.getByTestId('model-row').count(), 1);
  await context.close();
});

test('a file dragged over the quiz prepares the file reader', async () => {
  const { context, page } = await openApp(env.browser, env.server.url, '/');
  await waitForApp(page);
  const dataTransfer = await draggedFile(page, 'x.opmodel.json', '{}');
  await page.dispatchEvent('main', 'dragover', { dataTransfer });
  await page.waitForFunction(() => performance.getEntriesByName('opmodel:import-prepared').length === 1);
  await context.close();
});

test('a full storage shows the banner and the download still works', async () => {
  const { context, page } = await openApp(env.browser, env.server.url, '/ownership');
  await addRole(page, 'Owner');
  await waitSaved(page);
  const before = modelTexts(await storedState(page));
  // Fill local storage for real until the browser refuses more.
  await page.evaluate(() => {
    let i = 0;
    for (let size = 1 << 20; size >= 1; size >>= 1) {
      const chunk = 'x'.repeat(size);
      try {
        for (;;) localStorage.setItem(`filler-${i++}`, chunk);
      } catch {
        // full at this chunk size: try a smaller one
      }
    }
  });
  // Navigate inside the app: a reload would start over on the full storage.
  await page.getByRole('link', { name: 'Models', exact: true }).click();
  await renameOpenModel(page, 'A much longer name that no longer fits in the full storage');
  const banner = page.getByTestId('storage-banner');
  await banner.waitFor({ timeout: 5_000 });
  assert.match(await banner.innerText(), /Your latest changes are not saved: this browser's storage for the app is full/);
  assert.equal(await page.getByTestId('save-state').innerText(), 'Not saved');

  const [download] = await Promise.all([page.waitForEvent('download'), banner.getByRole('button', { name: 'Download model' }).click()]);
  const file = JSON.parse(await readDownload(download));
  assert.equal(file.model.name, 'A much longer name that no longer fits in the full storage');
  assert.equal(file.model.roles[0].name, 'Owner');
  assert.deepEqual(modelTexts(await storedState(page)), before, 'the stored copy was not damaged');
  await context.close();
});

/// The app at `path`, reloaded with `items` added to its local storage.
async function openWithStored(path, items) {
  const { context, page } = await openApp(env.browser, env.server.url, path);
  await page.evaluate((items) => {
    for (const [key, text] of Object.entries(items)) localStorage.setItem(key, text);
  }, items);
  await page.reload();
  await waitForApp(page);
  return { context, page };
}

test('stored data that does not load is kept as a backup and reported', async () => {
  const { context, page } = await openWithStored('/', {
    'opmodel.model.broken': '{"format": "opmodel", "schemaVersion": 1, "model": {',
    'opmodel.last': 'broken',
  });
  await page.getByRole('alert').filter({ hasText: 'A model stored in this browser could not be opened: The file ends too early' }).waitFor();
  const state = await storedState(page);
  const backups = Object.entries(state).filter(([k]) => k.startsWith('opmodel.backup.'));
  assert.equal(backups.length, 1);
  assert.equal(backups[0][1], '{"format": "opmodel", "schemaVersion": 1, "model": {');
  await page.goto('/models');
  await waitForApp(page);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download' }).first().click()]);
  assert.equal(await readDownload(download), '{"format": "opmodel", "schemaVersion": 1, "model": {');
  await context.close();
});

test('backups deleted by keyboard pass the focus on: to the next backup, then to the page heading', async () => {
  const { context, page } = await openWithStored('/models', { 'opmodel.backup.a': 'first text', 'opmodel.backup.b': 'second text' });
  const list = page.getByTestId('backup-list');
  const focused = () => page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.tagName);
  await list.getByRole('button', { name: 'Delete opmodel.backup.a' }).focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="backup-list"] li').length === 1);
  assert.equal(await focused(), 'Delete opmodel.backup.b');
  await page.keyboard.press('Enter');
  await list.waitFor({ state: 'hidden' });
  assert.equal(await focused(), 'H1');
  const state = await storedState(page);
  assert.deepEqual(Object.keys(state).filter((k) => k.startsWith('opmodel.backup.')), []);
  await context.close();
});

/// The Models page with two models: the first one of a visit, and a new
/// one named "Client A" on its row (the open one, and the newest, so it is
/// listed first).
async function twoModels() {
  const { context, page } = await openApp(env.browser, env.server.url, '/models');
  await page.getByTestId('new-model').click();
  await waitSaved(page);
  const rows = page.getByTestId('model-row');
  assert.equal(await rows.count(), 2);
  const first = rows.first().getByRole('textbox');
  await first.fill('Client A');
  await first.press('Enter');
  await page.getByTestId('model-name').filter({ hasText: 'Client A' }).waitFor();
  return { context, page, rows };
}

test('models can be created, renamed, duplicated, opened and deleted', async () => {
  const { context, page, rows } = await twoModels();
  await rows.filter({ hasText: 'Open now' }).getByRole('button', { name: 'Duplicate' }).click();
  await page.getByTestId('model-name').filter({ hasText: 'Client A (copy)' }).waitFor();
  assert.equal(await rows.count(), 3);
  const copyRow = rows.filter({ hasText: 'Open now' });
  await copyRow.getByRole('button', { name: 'Delete' }).click();
  await copyRow.getByText('Delete “Client A (copy)”? This cannot be undone.').waitFor();
  await copyRow.getByRole('button', { name: 'Delete' }).first().click();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="model-row"]').length === 2);
  assert.notEqual(await page.getByTestId('model-name').innerText(), 'Client A (copy)');
  await context.close();
});

test('the Models page changes only the rows that change, and the focus stays in place: an import, a rename, a delete by keyboard', async () => {
  const { context, page, rows } = await twoModels();
  // Each row element remembers the model it showed when it was marked.
  const mark = () => rows.evaluateAll((els) => els.forEach((el) => { el.shown = el.querySelector('input').value; }));
  const marked = () => rows.evaluateAll((els) => els.map((el) => [el.shown ?? null, el.querySelector('input').value]));
  await mark();

  const text = readFileSync(join(FIXTURES, 'valid-small.opmodel.json'), 'utf8');
  const imported = JSON.parse(text).model.name;
  await page.getByTestId('import-input').setInputFiles({ name: 'small.opmodel.json', mimeType: 'application/json', buffer: Buffer.from(text) });
  await page.getByText(`Imported “${imported}” as a new model`).waitFor();
  await waitSaved(page);
  // The import keeps its file's date, older than the others, so it is
  // listed last, in a row of its own; the two rows already there are the
  // same elements, each still showing its model.
  assert.deepEqual(await marked(), [['Client A', 'Client A'], ['My operating model', 'My operating model'], [null, imported]]);

  // Renaming a model that is not open makes it the newest: its row moves to
  // the top, still the same element, with the focus still in its name.
  await mark();
  const name = rows.nth(1).getByRole('textbox');
  await name.fill('Client B');
  await name.press('Enter');
  await page.waitForFunction(() => document.querySelector('[data-testid="model-row"] input')?.value === 'Client B');
  assert.deepEqual(await marked(), [['My operating model', 'Client B'], ['Client A', 'Client A'], [imported, imported]]);
  assert.equal(await page.evaluate(() => document.activeElement?.value), 'Client B');

  // Deleting by keyboard: the focus follows each step, never to the top.
  const focused = () => page.evaluate(() => {
    const el = document.activeElement;
    return [el?.closest('[data-testid="model-row"]')?.querySelector('input').value ?? null, el?.textContent];
  });
  await rows.nth(1).getByRole('button', { name: 'Delete' }).focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement?.textContent === 'Cancel');
  assert.deepEqual(await focused(), ['Client A', 'Cancel'], 'to Cancel, as deleting cannot be undone');
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => document.activeElement?.textContent === 'Delete');
  assert.deepEqual(await focused(), ['Client A', 'Delete'], 'Escape: back to Delete');
  assert.equal(await rows.getByRole('group', { name: 'Confirm deletion' }).count(), 0);
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement?.textContent === 'Cancel');
  await page.keyboard.press('Shift+Tab');
  assert.deepEqual(await focused(), ['Client A', 'Delete']);
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="model-row"]').length === 2);
  // The row now in its place takes the focus, on a button: a key typed next
  // edits nothing.
  await page.waitForFunction(() => document.activeElement?.tagName === 'BUTTON');
  assert.deepEqual(await focused(), [imported, 'Duplicate']);
  await context.close();
});

test('storage that is turned off: the app works, says so, and the download keeps the work', async () => {
  const context = await env.browser.newContext({ acceptDownloads: true, baseURL: env.server.url });
  // As in a browser that refuses site data: any touch of localStorage throws.
  await context.addInitScript(() => {
    Object.defineProperty(window, 'localStorage', {
      get() {
        throw new DOMException('The operation is insecure.', 'SecurityError');
      },
    });
  });
  const page = await context.newPage();
  await page.goto('/ownership');
  await waitForApp(page);
  const banner = page.getByTestId('storage-banner');
  await banner.waitFor();
  assert.match(await banner.innerText(), /does not let the app store anything \(private browsing, or storage turned off\)/);
  await addRole(page, 'Owner');
  await addElement(page, 'Billing');
  assert.deepEqual(await roleNames(page), ['Owner'], 'editing still works');
  const [download] = await Promise.all([page.waitForEvent('download'), banner.getByRole('button', { name: 'Download model' }).click()]);
  const file = JSON.parse(await readDownload(download));
  assert.equal(file.model.roles[0].name, 'Owner');
  assert.equal(file.model.elements[0].name, 'Billing');
  await context.close();
});
