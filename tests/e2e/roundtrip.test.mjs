// The consultant's round trip (issue #23), two browser contexts: the
// consultant exports, the client imports, edits and exports, and the file
// that comes back is recognized, compared, merged with one conflicting cell
// picked by hand, and undone; versions are saved, compared, restored.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { openApp, waitSaved, storedState, readDownload, useServerAndBrowser } from './lib/harness.mjs';
import { gridLetters, roleNames, elementNames } from './lib/matrix.mjs';
import { axe } from './lib/axe.mjs';

const env = useServerAndBrowser();
const FIXTURES = join(import.meta.dirname, '..', 'fixtures');

const openModel = async (page) => {
  const stored = await storedState(page);
  return JSON.parse(stored[`opmodel.model.${stored['opmodel.last']}`]).model;
};

async function exportOpen(page) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-button').click()]);
  return readDownload(download);
}

async function importText(page, name, text) {
  await page.getByTestId('import-input').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
}

/// Sets a cell of the ownership matrix by keyboard: focused, then a key.
async function setCell(page, row, col, key) {
  await page.locator('#ownership-grid .grid-body [role=row][data-row]').nth(row).locator('.cell').nth(col).focus();
  await page.keyboard.press(key);
}

async function nav(page, name) {
  await page.getByRole('link', { name, exact: true }).click();
}

test('a model goes to the client and back: recognized, compared, merged with one conflict picked, undone', async () => {
  // The consultant's model: the bakery fixture, exported.
  const consultant = await openApp(env.browser, env.server.url, '/models');
  const c = consultant.page;
  await c.getByTestId('import-input').setInputFiles(join(FIXTURES, 'valid-small.opmodel.json'));
  await c.getByText('Imported “Fixture bakery” as a new model').waitFor();
  await waitSaved(c);
  const sent = await exportOpen(c);
  const sentFile = JSON.parse(sent);
  assert.equal(sentFile.schemaVersion, 5);
  const familyId = sentFile.model.lineage.id;
  assert.ok(sentFile.model.lineage.version.id, 'the file names the version it was exported as');
  // The export is kept as a version.
  await c.getByTestId('version').filter({ hasText: 'Exported' }).waitFor();

  // The client imports it: a model this browser does not know opens at once.
  const client = await openApp(env.browser, env.server.url, '/models');
  const k = client.page;
  await importText(k, 'bakery.opmodel.json', sent);
  await k.getByText('Imported “Fixture bakery” as a new model').waitFor();
  await waitSaved(k);
  assert.equal((await openModel(k)).lineage.id, familyId);

  // The client renames a role, changes three letters, adds a decision and
  // deletes an element.
  await nav(k, 'Ownership');
  assert.deepEqual(await roleNames(k), ['Head Baker', 'Shop Manager']);
  assert.deepEqual(await gridLetters(k), [['A', ''], ['R', 'A'], ['', '']]);
  await k.getByRole('button', { name: 'Shop Manager', exact: true }).focus();
  await k.keyboard.press('Enter');
  await k.waitForFunction(() => document.activeElement?.classList.contains('name-input'));
  await k.keyboard.press('Control+a');
  await k.keyboard.type('Shop Lead');
  await k.keyboard.press('Enter');
  await setCell(k, 0, 1, 'i');
  await setCell(k, 1, 0, 'c');
  await setCell(k, 1, 1, '+');
  await k.getByRole('button', { name: 'Delete element Till system' }).click();
  assert.deepEqual(await gridLetters(k), [['A', 'I'], ['C', 'A/R']]);
  await nav(k, 'Decisions');
  await k.getByRole('button', { name: '+ Decision', exact: true }).click();
  const name = k.locator('input.name-input');
  await name.fill('Accept a custom order over 200 EUR');
  await name.press('Enter');
  await waitSaved(k);
  await nav(k, 'Models');
  const back = await exportOpen(k);
  const backFile = JSON.parse(back);
  assert.equal(backFile.model.lineage.id, familyId);
  // It descends from what the sent file did, and from the sent file itself.
  const sentFrom = [...(sentFile.model.lineage.basedOn ?? []), sentFile.model.lineage.version].map((s) => s.id);
  assert.deepEqual(backFile.model.lineage.basedOn.map((s) => s.id), sentFrom);

  // Back at the consultant's: recognized, in words; nothing changes yet.
  const before = await storedState(c);
  await importText(c, 'bakery-back.opmodel.json', back);
  const told = c.getByTestId('incoming-told');
  await told.waitFor();
  assert.match(await told.textContent(), /^A later version of “Fixture bakery”, exported on \d{1,2} \w+ \d{4}, based on the version you sent on \d{1,2} \w+ \d{4}\.$/);
  assert.deepEqual(await storedState(c), before, 'nothing is stored before a choice');

  // The comparison lists exactly the client's changes.
  await c.getByTestId('incoming-compare').click();
  const comparison = c.getByTestId('incoming').getByTestId('comparison');
  await comparison.waitFor();
  const counts = await comparison.getByTestId('comparison-counts').locator('tbody tr').evaluateAll((rows) => rows.map((r) => [...r.cells].map((x) => x.textContent)));
  assert.deepEqual(counts, [
    ['Roles', '0', '0', '1'],
    ['Elements', '0', '1', '0'],
    ['Ownership matrix', '0', '0', '3'],
    ['Decisions', '1', '0', '0'],
  ]);
  for (const scheme of ['light', 'dark']) {
    await c.emulateMedia({ colorScheme: scheme });
    assert.deepEqual(await axe(c), [], `the returned file, compared, ${scheme}`);
  }

  // Meanwhile the consultant changes the same cell differently, and adds a role.
  await nav(c, 'Ownership');
  await setCell(c, 1, 0, 'i');
  await c.getByRole('button', { name: '+ Role' }).click();
  const roleInput = c.locator('.col-header input.name-input');
  await roleInput.fill('Driver');
  await roleInput.press('Enter');
  await waitSaved(c);
  const mineBefore = await openModel(c);
  await nav(c, 'Models');

  // Merge: one conflict, picked as theirs.
  await c.getByTestId('incoming-merge').click();
  const merge = c.getByTestId('merge');
  await merge.getByTestId('merge-summary').waitFor();
  assert.match(await merge.getByTestId('merge-summary').textContent(), /One conflict to settle below\.$/);
  const conflict = merge.getByTestId('conflict');
  assert.equal(await conflict.count(), 1);
  assert.equal(await conflict.locator('legend').textContent(), 'Element “Custom orders”, the letter of “Head Baker”');
  assert.equal(await conflict.getByTestId('pick-mine').isChecked(), true, 'mine until picked');
  assert.match(await conflict.locator('label').nth(0).textContent(), /Mine: “I”/);
  assert.match(await conflict.locator('label').nth(1).textContent(), /Theirs: “C”/);
  for (const scheme of ['light', 'dark']) {
    await c.emulateMedia({ colorScheme: scheme });
    assert.deepEqual(await axe(c), [], `the merge, ${scheme}`);
  }
  await conflict.getByTestId('pick-theirs').check();
  await merge.getByTestId('merge-now').click();
  await c.getByText(/^Merged the file “bakery-back\.opmodel\.json” into “Fixture bakery”: /).waitFor();
  await c.getByTestId('incoming').waitFor({ state: 'detached' });
  await waitSaved(c);

  const merged = await openModel(c);
  assert.deepEqual(merged.roles.map((r) => r.name), ['Head Baker', 'Shop Lead', 'Driver']);
  assert.deepEqual(merged.elements.map((e) => e.name), ['Daily baking', 'Custom orders']);
  assert.deepEqual(merged.elements.map((e) => e.assignments), [
    { 'role-baker': 'A', 'role-shop': 'I' },
    { 'role-baker': 'C', 'role-shop': 'A/R' },
  ]);
  assert.deepEqual(merged.decisions.map((d) => d.name), ['Accept a custom order over 200 EUR']);
  assert.equal(merged.id, mineBefore.id);
  // The versions, newest first: the file received back, the model before
  // the merge, the export, and the fixture as it was first imported.
  const kinds = await c.getByTestId('version').locator('strong').allTextContents();
  assert.deepEqual(kinds, ['Received', 'Before a merge', 'Exported', 'Received']);

  // One undo takes the whole merge back.
  await c.keyboard.press('Control+z');
  await waitSaved(c);
  const undone = await openModel(c);
  const strip = ({ updatedAt, ...rest }) => rest;
  assert.deepEqual(strip(undone), strip(mineBefore));
  await nav(c, 'Ownership');
  assert.deepEqual(await roleNames(c), ['Head Baker', 'Shop Manager', 'Driver']);
  assert.deepEqual(await elementNames(c), ['Daily baking', 'Custom orders', 'Till system']);
});

test('a version is saved with a note, compared with the model, viewed, restored in one undo step; storage is shown', async () => {
  const { page } = await openApp(env.browser, env.server.url, '/models');
  await page.getByTestId('import-input').setInputFiles(join(FIXTURES, 'valid-small.opmodel.json'));
  await page.getByText('Imported “Fixture bakery” as a new model').waitFor();
  // The file is kept as the version received (the base of a later merge).
  await page.getByTestId('version').filter({ hasText: 'Received' }).waitFor();
  assert.match(await page.getByTestId('storage-used').textContent(), /^Stored in this browser: \d+ KB of models and \d+ KB of versions, of about 5 MB the browser keeps for the app\.$/);

  // Keyboard: the form opens focused; a name is required.
  await page.getByTestId('save-version').focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement?.dataset.testid === 'version-name');
  await page.keyboard.type('Before the workshop');
  await page.getByTestId('version-note').fill('as the client sent it');
  await page.keyboard.press('Enter');
  await page.getByText('Kept the version “Before the workshop”.').waitFor();
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'save-version');
  const row = page.getByTestId('version').filter({ hasText: 'Before the workshop' });
  await row.getByText('as the client sent it').waitFor();

  // Exported twice without a change in between: one version, one file.
  const first = await exportOpen(page);
  const second = await exportOpen(page);
  assert.equal(second, first, 'the same version sent again');
  await page.getByTestId('version').filter({ hasText: 'Exported' }).waitFor();
  assert.equal(await page.getByTestId('version').filter({ hasText: 'Exported' }).count(), 1);

  // Change the model, then compare the version with it.
  await nav(page, 'Ownership');
  await setCell(page, 0, 1, 'r');
  await waitSaved(page);
  await nav(page, 'Models');
  await row.getByTestId('version-compare').click();
  const comparison = row.getByTestId('comparison');
  await comparison.waitFor();
  await comparison.locator('summary').filter({ hasText: 'Ownership matrix (1)' }).click();
  assert.match(await comparison.locator('li').first().textContent(), /Daily baking/);
  await row.getByRole('button', { name: /^View / }).click();
  const view = row.getByTestId('version-view');
  await view.waitFor();
  assert.match(await view.locator('caption').textContent(), /Ownership in “Before the workshop” \(read-only\)/);

  // Restore: one undo step, and the model as it was kept first.
  await row.getByTestId('version-restore').click();
  await page.getByText('Restored “Before the workshop”.', { exact: false }).waitFor();
  await waitSaved(page);
  assert.deepEqual((await openModel(page)).elements[0].assignments, { 'role-baker': 'A' });
  assert.deepEqual(await page.getByTestId('version').locator('strong').allTextContents(), ['Before a restore', 'Exported', 'Before the workshop', 'Received']);
  await page.keyboard.press('Control+z');
  await waitSaved(page);
  assert.deepEqual((await openModel(page)).elements[0].assignments, { 'role-baker': 'A', 'role-shop': 'R' });

  for (const width of [1280, 360]) {
    await page.setViewportSize({ width, height: 900 });
    // From the top: a row scrolled half under the sticky header counts as
    // an obscured target to axe.
    await page.evaluate(() => window.scrollTo(0, 0));
    for (const scheme of ['light', 'dark']) {
      await page.emulateMedia({ colorScheme: scheme });
      assert.deepEqual(await axe(page), [], `versions at ${width} px, ${scheme}`);
    }
  }
});

test('a returned file that shares no kept version cannot be merged, and says so; compare still works', async () => {
  const { page } = await openApp(env.browser, env.server.url, '/models');
  await page.getByTestId('import-input').setInputFiles(join(FIXTURES, 'valid-small.opmodel.json'));
  await page.getByText('Imported “Fixture bakery” as a new model').waitFor();
  await waitSaved(page);
  // The same file again: of the family, but the received version was
  // deleted, so no version both share is kept here.
  await page.getByTestId('version').filter({ hasText: 'Received' }).waitFor();
  await page.getByTestId('version').getByRole('button', { name: /^Delete / }).click();
  await page.getByRole('group', { name: 'Confirm deletion' }).getByRole('button', { name: 'Delete' }).click();
  await page.getByTestId('no-versions').waitFor();
  const text = JSON.stringify(JSON.parse(await (await import('node:fs/promises')).readFile(join(FIXTURES, 'valid-small.opmodel.json'), 'utf8')));
  await importText(page, 'again.opmodel.json', text);
  await page.getByTestId('incoming-told').waitFor();
  assert.match(await page.getByTestId('incoming-told').textContent(), /none of the versions it comes from is kept in this browser/);
  await page.getByTestId('incoming-merge').click();
  await page.getByTestId('merge-refused').waitFor();
  assert.equal(await page.getByTestId('merge-now').count(), 0);
  await page.getByTestId('incoming-compare').click();
  await page.getByTestId('incoming').getByText('No change.').waitFor();
  await page.getByTestId('incoming-dismiss').click();
  await page.getByText('Nothing was changed; the file “again.opmodel.json” was set aside.').waitFor();
});
