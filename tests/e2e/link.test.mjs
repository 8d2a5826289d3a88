// A model in a link: made on the Models page, opened by someone else as a
// new model; a damaged link says so and changes nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { openApp, waitForApp, waitSaved, storedState, useServerAndBrowser } from './lib/harness.mjs';
import { axe } from './lib/axe.mjs';

const env = useServerAndBrowser();
const FIXTURES = join(import.meta.dirname, '..', 'fixtures');

const openModel = async (page) => {
  const stored = await storedState(page);
  return JSON.parse(stored[`opmodel.model.${stored['opmodel.last']}`]).model;
};

test('a model in a link opens as a new model elsewhere; a cut link says so and changes nothing; a long one recommends the file', async () => {
  const { context, page } = await openApp(env.browser, env.server.url, '/models');
  await page.getByTestId('import-input').setInputFiles(join(FIXTURES, 'map-v2.opmodel.json'));
  await page.getByText('Imported “Fixture wholesaler” as a new model').waitFor();
  await waitSaved(page);
  const mine = await openModel(page);
  await page.getByTestId('make-link').focus();
  await page.keyboard.press('Enter');
  const area = page.getByTestId('model-link');
  await area.waitFor();
  const link = await area.inputValue();
  assert.ok(link.startsWith(`${env.server.url}/models#model=1.`), link);
  // The link takes the focus, selected, ready to copy.
  await page.waitForFunction(() => document.activeElement?.dataset.testid === 'model-link', null, { timeout: 2000 });
  const length = await page.getByTestId('link-length').textContent();
  assert.equal(length, `${link.length} characters.`);
  assert.ok(link.length < 2000, 'a small model fits a short link');
  for (const scheme of ['light', 'dark']) {
    await page.emulateMedia({ colorScheme: scheme });
    assert.deepEqual(await axe(page), [], `the link panel, ${scheme}`);
  }

  // Someone else (their own browser storage) opens it.
  const other = await env.browser.newContext();
  const theirs = await other.newPage();
  await theirs.goto(link);
  await waitForApp(theirs);
  // A preview first: what it is, and nothing stored before the choice.
  const preview = theirs.getByTestId('incoming-told');
  await preview.waitFor();
  assert.match(await preview.textContent(), /^“Fixture wholesaler”: \d+ roles, \d+ elements, last changed on \d{1,2} \w+ \d{4}\.$/);
  assert.equal(await theirs.evaluate(() => document.activeElement?.id), 'incoming-heading');
  assert.equal(new URL(theirs.url()).hash, '', 'the address no longer holds the model');
  for (const scheme of ['light', 'dark']) {
    await theirs.emulateMedia({ colorScheme: scheme });
    assert.deepEqual(await axe(theirs), [], `the preview of a link, ${scheme}`);
  }
  await theirs.getByTestId('incoming-copy').click();
  await theirs.getByText('Opened “Fixture wholesaler” from a link, as a new model.').waitFor();
  await waitSaved(theirs);
  const opened = await openModel(theirs);
  const strip = ({ id, createdAt, updatedAt, lineage, ...rest }) => rest;
  assert.deepEqual(strip(opened), strip(mine));
  assert.equal(opened.lineage.id, mine.lineage?.id ?? mine.id, 'of the same family as the model the link was made from');
  assert.notEqual(opened.id, mine.id, 'a new model, never one stored under the same id');
  // A reload does not open it again.
  const models = async () => Object.keys(await storedState(theirs)).filter((k) => k.startsWith('opmodel.model.')).length;
  const before = await models();
  await theirs.reload();
  await waitForApp(theirs);
  await theirs.waitForTimeout(300);
  assert.equal(await models(), before);

  // Cut on its way: a clear message, nothing stored.
  const cut = await env.browser.newContext();
  const damaged = await cut.newPage();
  await damaged.goto(link.slice(0, -25));
  await waitForApp(damaged);
  const alert = damaged.getByText('The link could not be opened. The link is damaged', { exact: false });
  await alert.waitFor();
  assert.match(await alert.textContent(), /Nothing was changed\.$/);
  const stored = Object.keys(await storedState(damaged)).filter((k) => k.startsWith('opmodel.model.'));
  assert.ok(stored.length <= 1, 'at most the fresh empty model');

  // Altered on its way (one character changed in the middle): the
  // checksum says so; never another model, never half of one.
  const at = Math.floor((link.indexOf('.', link.indexOf('#')) + link.length) / 2);
  const altered = link.slice(0, at) + (link[at] === 'A' ? 'B' : 'A') + link.slice(at + 1);
  const changed = await env.browser.newContext();
  const alteredPage = await changed.newPage();
  await alteredPage.goto(altered);
  await waitForApp(alteredPage);
  await alteredPage.getByText('The link could not be opened.', { exact: false }).waitFor();
  assert.equal(await alteredPage.getByTestId('incoming').count(), 0);
  await changed.close();

  // A sample is too large for a safe link: the file is recommended.
  await page.getByTestId('sample-saas').click();
  await page.waitForURL(/ownership/);
  await page.goto('/models');
  await waitForApp(page);
  await page.getByTestId('make-link').click();
  await page.getByTestId('model-link').waitFor();
  assert.match(await page.getByTestId('link-length').textContent(), /^\d+ characters\. Longer than 2000: chat and mail tools may cut it on its way, so the file \(Export the open model\) is the safer way to send it\.$/);
  await other.close();
  await cut.close();
  await context.close();
});
