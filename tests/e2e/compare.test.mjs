// "Compare with a file" on the Models page: a file that came back edited,
// set against the open model, part by part, and the change report.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { readFile } from 'node:fs/promises';
import { openApp, readDownload, useServerAndBrowser } from './lib/harness.mjs';
import { axe } from './lib/axe.mjs';

const env = useServerAndBrowser();
const FIXTURES = join(import.meta.dirname, '..', 'fixtures');

test('a file sent back edited is compared with the open model, in words, and the report downloads', async () => {
  const { context, page } = await openApp(env.browser, env.server.url, '/models');
  await page.getByTestId('import-input').setInputFiles(join(FIXTURES, 'map-v2.opmodel.json'));
  await page.getByText('Imported “Fixture wholesaler” as a new model').waitFor();
  // The file as the client sends it back: a role renamed, an element added,
  // a letter changed, a review's metric dropped.
  const file = JSON.parse(await readFile(join(FIXTURES, 'map-v2.opmodel.json'), 'utf8'));
  const m = file.model;
  m.roles[1].name = 'Operations Lead';
  m.elements.push({ id: 'el-credit', name: 'Credit control', kind: 'process', assignments: { 'role-fin': 'A' } });
  m.elements[0].assignments['role-fin'] = 'R';
  m.reviews[0].metrics = ['Days sales outstanding'];
  await page.getByTestId('compare-button').focus();
  await page.getByTestId('compare-input').setInputFiles({ name: 'returned.opmodel.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)) });
  const result = page.getByTestId('comparison');
  await result.waitFor();
  assert.equal(
    await result.locator('p').first().textContent(),
    // (The file is version 2: its metric names become metric objects, so
    // the name it no longer lists is a metric it no longer has.)
    'returned.opmodel.json: 1 role changed, 1 element added, 1 cell of the ownership matrix changed, 1 review changed, 1 metric removed.',
  );
  const counts = await page.getByTestId('comparison-counts').locator('tbody tr').evaluateAll((rows) => rows.map((r) => [...r.cells].map((c) => c.textContent)));
  assert.deepEqual(counts, [
    ['Roles', '0', '0', '1'],
    ['Elements', '1', '0', '0'],
    ['Ownership matrix', '0', '0', '1'],
    ['Reviews', '0', '0', '1'],
    ['Metrics', '0', '1', '0'],
  ]);
  const parts = result.locator('details');
  for (const d of await parts.all()) await d.evaluate((el) => (el.open = true));
  // Each part writes its lines when opened.
  await result.locator('details li').nth(4).waitFor();
  // The matrix, cell by cell: the changed cell marked, old -> new.
  const cells = result.getByTestId('matrix-changes').locator('td.cell-changed');
  await cells.first().waitFor();
  // The changed letter, and the letter of the element added.
  assert.deepEqual(await cells.allTextContents(), ['C → R', '– → A']);
  assert.deepEqual(await cells.evaluateAll((tds) => tds.map((td) => td.getAttribute('aria-label'))), ['C to R', 'none to A']);
  assert.match(await result.getByTestId('matrix-changes').locator('tbody th').last().textContent(), /^Credit control \(added\)$/);
  await result.getByTestId('only-changes').uncheck();
  assert.ok((await result.getByTestId('matrix-changes').locator('tbody tr').count()) > 1, 'every row once unchecked');
  assert.deepEqual(await result.locator('details li').allTextContents(), [
    'Operations Lead, name: Ops Lead → Operations Lead',
    'Added: Credit control',
    'Order to cash, Finance Lead: C → R',
    'Monthly finance review, metrics: Days sales outstanding, Revenue → Days sales outstanding',
    'Removed: Revenue',
  ]);
  for (const width of [1280, 360]) {
    await page.setViewportSize({ width, height: 800 });
    for (const scheme of ['light', 'dark']) {
      await page.emulateMedia({ colorScheme: scheme });
      assert.deepEqual(await axe(page), [], `the comparison at ${width} px, ${scheme}`);
    }
  }
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-report').click()]);
  assert.equal(download.suggestedFilename(), 'fixture-wholesaler-changes.md');
  const report = await readDownload(download);
  assert.ok(report.startsWith('# Changes from “Fixture wholesaler” (open here) to “Fixture wholesaler” (returned.opmodel.json)\n\n| Part | Added | Removed | Changed |\n'), report);
  assert.ok(report.includes('\n## Ownership matrix\n\n- **Order to cash**, Finance Lead: C → R\n'), report);

  // A file that is not a model says why, and the open model is untouched.
  await page.getByTestId('compare-input').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hello') });
  await page.getByRole('alert').filter({ hasText: 'notes.txt cannot be compared:' }).waitFor();
  assert.equal(await page.getByTestId('comparison').count(), 0);
  await context.close();
});
