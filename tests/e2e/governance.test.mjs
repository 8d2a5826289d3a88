// Governance and progress: reviews, corrections, the control test, the charts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { openApp, waitForApp, readDownload, useServerAndBrowser } from './lib/harness.mjs';

const env = useServerAndBrowser();

async function openSample(page, key) {
  await page.goto('/models');
  await waitForApp(page);
  await page.getByTestId(`sample-${key}`).click();
  await page.waitForURL(/\/ownership$/);
}

test('three recorded snapshots give three points per series, in the page and in the SVG download', async () => {
  const { context, page } = await openApp(env.browser, env.server.url, '/models');
  const file = JSON.parse(await readFile('tests/fixtures/valid-small.opmodel.json', 'utf8'));
  file.model.snapshots = ['2026-08-01', '2026-09-01', '2026-10-01'].map((d, i) => ({
    takenAt: `${d}T09:00:00Z`,
    metrics: { ownershipCoverage: 40 + 10 * i, reviewCoverage: 20 + 5 * i, control: 30 + 10 * i },
  }));
  await page.getByTestId('import-input').setInputFiles({ name: 'history.opmodel.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)) });
  await page.getByText('Imported').waitFor();
  await page.getByRole('link', { name: 'Progress', exact: true }).click();
  const chart = page.getByTestId('chart-governance');
  await chart.waitFor();
  const counts = await chart.locator('svg .point').evaluateAll((points) => {
    const by = {};
    for (const p of points) by[p.getAttribute('data-series')] = (by[p.getAttribute('data-series')] ?? 0) + 1;
    return by;
  });
  assert.deepEqual(counts, { 'Ownership coverage': 3, 'Review coverage': 3, 'Control test score': 3 });
  // The table alternative holds the same numbers.
  await chart.getByText('The numbers as a table').click();
  // Built when first opened, in the next frame.
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=table-governance] tbody tr').length > 0);
  assert.equal(await page.getByTestId('table-governance').locator('tbody tr').count(), 3);

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-svg-governance').click()]);
  const svg = await readDownload(download);
  const parsed = await page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    if (doc.getElementsByTagName('parsererror').length) return { error: true };
    const by = {};
    for (const p of doc.querySelectorAll('.point')) by[p.getAttribute('data-series')] = (by[p.getAttribute('data-series')] ?? 0) + 1;
    return { title: doc.querySelector('title')?.textContent, by };
  }, svg);
  assert.equal(parsed.error, undefined, 'the SVG parses');
  assert.equal(parsed.title, 'Governance metrics by date');
  assert.deepEqual(parsed.by, counts);

  const [png] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-png-governance').click()]);
  const bytes = await readFile(await png.path());
  assert.deepEqual([...bytes.subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47], 'a real PNG');
  await context.close();
});

test('a new model shows empty states that say how to get data, never an empty axis', async () => {
  const { context, page } = await openApp(env.browser, env.server.url, '/progress');
  await page.getByTestId('progress-empty-maturity').getByRole('link', { name: 'Take the quiz' }).waitFor();
  await page.getByTestId('progress-empty-governance').waitFor();
  assert.equal(await page.locator('svg').count(), 0);
  await context.close();
});

test('the control test flags an element without an owner and passes a governed one', async () => {
  const { context, page } = await openApp(env.browser, env.server.url, '/');
  await openSample(page, 'ecommerce');
  await page.getByRole('link', { name: 'Governance', exact: true }).click();
  const table = page.getByTestId('control-test');
  await table.waitFor();
  const governed = table.locator('tr[data-element="el-order-fulfilment"] td');
  assert.deepEqual(await governed.evaluateAll((tds) => tds.map((td) => td.className)), ['pass', 'pass', 'pass', 'pass']);
  const unowned = table.locator('tr[data-element="el-data-customer-records"] td').first();
  assert.equal(await unowned.getAttribute('class'), 'fail');
  assert.match(await unowned.innerText(), /✗ No[\s\S]*no owner/i);
  assert.match(await page.getByTestId('control-score').innerText(), /^\d+%$/);
  const findings = await page.getByTestId('governance-findings').innerText();
  assert.match(findings, /overdue/i);
  assert.match(findings, /was implemented \d+ days ago but nobody has checked that it worked/);
  await context.close();
});

test('a correction moves along its path with dated history; a rejection needs a reason', async () => {
  const { context, page } = await openApp(env.browser, env.server.url, '/governance');
  await page.getByRole('button', { name: '+ Review' }).click();
  const review = page.getByTestId('review-card');
  assert.match(await review.getByTestId('review-status').innerText(), /Never held/);
  await review.getByRole('button', { name: 'Held today' }).click();
  assert.match(await review.getByTestId('review-status').innerText(), /On time, next due \d{4}-\d{2}-\d{2}/);
  await review.getByTestId('last-held').fill('2020-01-06');
  await review.getByTestId('last-held').dispatchEvent('change');
  assert.match(await review.getByTestId('review-status').innerText(), /Overdue by \d+ days/);

  await page.getByRole('button', { name: '+ Correction' }).click();
  const card = page.getByTestId('correction-card');
  for (const [button, status] of [['Mark evaluated', 'Evaluated'], ['Mark approved', 'Approved'], ['Mark implemented', 'Implemented']]) {
    await card.getByRole('button', { name: button }).click();
    assert.equal(await card.getByTestId('correction-status').innerText(), status);
  }
  await card.getByRole('button', { name: 'Reject' }).click();
  await card.getByRole('alert').filter({ hasText: 'A rejection needs a reason.' }).waitFor();
  await card.getByText('History').click();
  assert.equal(await card.locator('.history li').count(), 4);
  // Undo takes the last move back.
  await page.keyboard.press('Control+z');
  assert.equal(await card.getByTestId('correction-status').innerText(), 'Approved');

  await page.getByTestId('record-state').click();
  await page.getByText('Today\'s state was recorded').waitFor();
  await page.getByTestId('record-state').click();
  await page.getByText('recorded again').waitFor();
  await page.getByText('1 states recorded so far.').waitFor();
  await context.close();
});

test('a layer of the hierarchy explains itself when clicked or focused', async () => {
  const { context, page } = await openApp(env.browser, env.server.url, '/');
  await page.getByRole('link', { name: 'Take the two-minute quiz' }).click();
  await page.waitForSelector('[data-testid="question"]');
  for (const n of [3, 3, 3, 3, 1, 1, 3, 3, 3, 3, 3, 3]) {
    await page.keyboard.press(String(n));
    await page.keyboard.press('Enter');
  }
  await page.getByTestId('save-result').click();
  await page.getByRole('link', { name: 'See progress' }).click();
  assert.match(await page.getByTestId('first-weak').innerText(), /first layer not yet established is Automation, so the risk now is compliance drift/);
  await page.getByRole('button', { name: '3. Automation' }).click();
  assert.match(await page.getByTestId('layer-detail').innerText(), /Signs you are here/);
  await page.getByRole('button', { name: '1. Tools' }).focus();
  assert.equal(await page.getByTestId('layer-detail').count(), 1);
  await context.close();
});
