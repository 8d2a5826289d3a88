// The Map page: a version 2 file opened, its links made by keyboard alone
// (outcomes, sources of truth, flows, metrics), its findings read and
// fixed, the drawing parsed and filtered, kept across a reload and an
// export and import.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { openApp, waitForApp, waitSaved, storedState, readDownload, useServerAndBrowser } from './lib/harness.mjs';
import { axe } from './lib/axe.mjs';

const env = useServerAndBrowser();
const FIXTURES = join(import.meta.dirname, '..', 'fixtures');

const findings = (page) => page.getByTestId('map-findings').locator('li').allTextContents();
const waitFindings = (page, n) =>
  page.waitForFunction((n) => document.querySelectorAll('[data-testid=map-findings] li').length === n, n);
const drawing = (page) =>
  page.getByTestId('map-drawing').locator('svg').evaluate((svg) => ({
    nodes: [...svg.querySelectorAll('g.node')].map((g) => g.dataset.node),
    gaps: [...svg.querySelectorAll('g.node.has-gaps')].map((g) => g.dataset.node),
    edges: [...svg.querySelectorAll('g.edge')].map((g) => `${g.dataset.from} ${g.dataset.kind} ${g.dataset.to}`).sort(),
  }));

test('keyboard only: a version 2 file mapped (outcome, sources of truth, flows, metrics), its gaps found and fixed, drawn, filtered, reloaded, exported and imported', async () => {
  const { context, page } = await openApp(env.browser, env.server.url, '/models');
  const kb = page.keyboard;
  await page.getByTestId('import-input').setInputFiles(join(FIXTURES, 'map-v2.opmodel.json'));
  await page.getByText('Imported “Fixture wholesaler” as a new model').waitFor();
  await page.getByRole('link', { name: 'Map', exact: true }).click();
  await page.getByRole('heading', { name: 'Map', exact: true }).waitFor();

  // The review's metric names of version 2 are metrics now, with no owner
  // and no definition yet.
  assert.deepEqual(await findings(page), [
    '⚠Problem: Nothing says where “Customer” is kept for good: choose the system that is its source of truth.',
    '⚠Problem: Nothing says where “Invoice” is kept for good: choose the system that is its source of truth.',
    '⚠Problem: “Order to cash” produces no outcome: say which outcome it serves.',
    '⚠Problem: No process produces “Cash collected”: link the processes that serve it, or ask whether it is a real outcome.',
    '⚠Problem: Nobody owns the metric “Days sales outstanding”: give one role its definition and its calculation.',
    '⚠Problem: The metric “Days sales outstanding” has no definition: write what it means, so that everyone reads the number the same way.',
    '⚠Problem: Nobody owns the metric “Revenue”: give one role its definition and its calculation.',
    '⚠Problem: The metric “Revenue” has no definition: write what it means, so that everyone reads the number the same way.',
  ]);
  assert.match(await page.getByTestId('figure-dataAuthority').innerText(), /^0%/);

  // Each card is folded to a line saying its state; Enter on it opens it.
  const unfold = async (id) => {
    await page.locator(`[id="${id}"] > summary`).focus();
    await kb.press('Enter');
  };
  assert.deepEqual(await page.getByTestId('data-card').locator('summary').allTextContents(), [
    'Customer — no source of truth ⚠ 1 problem',
    'Invoice — no source of truth ⚠ 1 problem',
  ]);
  // Order to cash produces Cash collected: a box ticked with Space.
  await unfold('map-process-el-o2c');
  await page.getByTestId('map-outcomes').getByRole('checkbox', { name: 'Cash collected' }).focus();
  await kb.press('Space');
  await waitFindings(page, 6);

  // Sources of truth, chosen by type-ahead in each system's list.
  const card = (name) => page.locator(`[id="map-data-el-${name.toLowerCase()}"]`);
  await unfold('map-data-el-customer');
  await unfold('map-data-el-invoice');
  await card('Customer').getByLabel('CRM').focus();
  await kb.type('Source');
  await card('Customer').getByLabel('Billing').focus();
  await kb.type('Copy');
  await card('Invoice').getByLabel('Billing').focus();
  await kb.type('Source');
  await waitFindings(page, 4);
  assert.match(await page.getByTestId('figure-dataAuthority').innerText(), /^100%/);
  assert.deepEqual(await page.getByTestId('data-card').locator('summary').allTextContents(), [
    'Customer — source of truth: CRM; 1 copy',
    'Invoice — source of truth: Billing',
  ]);

  // Two flows: CRM to Billing carrying the customer; Billing typed by hand
  // into the spreadsheet, carrying invoices.
  const addFlow = async (from, to) => {
    await page.getByTestId('new-flow-from').focus();
    await kb.type(from);
    await page.getByTestId('new-flow-to').focus();
    await kb.type(to);
    await page.getByTestId('add-flow').focus();
    await kb.press('Enter');
    // The new flow's list of data takes the focus.
    await page.waitForFunction(() => document.activeElement?.id?.startsWith('flow-carries-'));
  };
  await addFlow('CRM', 'Billing');
  await kb.press('Tab');
  await kb.press('Space');
  await addFlow('Billing', 'Spreadsheet');
  await kb.press('Tab');
  await kb.press('Tab');
  await kb.press('Space');
  const manual = page.getByTestId('flow-card').nth(1);
  await manual.getByLabel('How').focus();
  await kb.type('Manual');
  await page.getByTestId('map-findings').getByText('typed by hand into Spreadsheet', { exact: false }).waitFor();

  // Both metrics owned by the Finance Lead and defined; Days sales
  // outstanding measures the cash collected.
  for (const [name, definition] of [
    ['Days sales outstanding', 'Average days from invoice to payment'],
    ['Revenue', 'Invoiced in the month, net of credit notes'],
  ]) {
    const metric = page.getByTestId('metric-card').filter({ hasText: name });
    await metric.locator('summary').focus();
    await kb.press('Enter');
    await metric.getByLabel('Owner').focus();
    await kb.type('Finance');
    await metric.getByLabel('What it means').focus();
    await kb.type(definition);
    await kb.press('Tab');
  }
  await page.getByTestId('metric-card').first().getByLabel('Measures').focus();
  await kb.type('Cash');
  await waitFindings(page, 2);
  assert.deepEqual(await findings(page), [
    '⚠Problem: The flow from Billing to Spreadsheet goes into Spreadsheet, which nobody owns: nobody answers for what arrives or leaves there.',
    'ℹNote: “Invoice” is typed by hand into Spreadsheet, though its source of truth is Billing: every manual copy is a place for the data to drift.',
  ]);
  assert.match(await page.getByTestId('figure-metricGovernance').innerText(), /^100%/);

  // The hand-typed copy goes; undo brings it back, redo takes it away.
  await manual.getByRole('button', { name: 'Remove this flow' }).focus();
  await kb.press('Enter');
  await page.getByText('✓ Nothing: every data entity has one source of truth').waitFor();
  await page.getByRole('heading', { name: 'Map', exact: true }).focus();
  await kb.press('Control+z');
  await waitFindings(page, 2);
  await kb.press('Control+y');
  await page.getByText('✓ Nothing: every data entity has one source of truth').waitFor();

  // The drawing: every box, every line, no gap left.
  const everything = {
    nodes: ['metric-1', 'metric-2', 'el-cash', 'el-o2c', 'el-customer', 'el-invoice', 'el-crm', 'el-billing', 'el-sheet'],
    gaps: ['el-sheet'],
    edges: [
      'el-crm flow el-billing',
      'el-customer copy el-billing',
      'el-customer source el-crm',
      'el-invoice source el-billing',
      'el-o2c produces el-cash',
      'metric-1 measures el-cash',
    ],
  };
  const drawn = await drawing(page);
  // The spreadsheet still has no owner: marked on its box.
  assert.deepEqual({ ...drawn, nodes: [...drawn.nodes].sort() }, { ...everything, nodes: [...everything.nodes].sort() });

  // What does the Finance Lead own and touch?
  await page.getByTestId('map-role').focus();
  await kb.type('Finance');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=map-drawing] g.node').length === 6);
  const finance = await drawing(page);
  assert.deepEqual(finance.nodes, ['metric-1', 'metric-2', 'el-cash', 'el-o2c', 'el-invoice', 'el-billing']);
  assert.deepEqual(finance.edges, ['el-invoice source el-billing', 'el-o2c produces el-cash', 'metric-1 measures el-cash']);
  // A box takes the focus; Enter opens what it is.
  await page.locator('[data-testid=map-drawing] g.node[data-node="metric-2"]').focus();
  await kb.press('Enter');
  await page.waitForFunction(() => document.activeElement?.id === 'metric-name-metric-2');
  assert.equal(await page.evaluate(() => document.activeElement.value), 'Revenue');
  // Layers off and on again.
  await page.getByTestId('map-role').focus();
  await kb.type('(every');
  await page.getByTestId('map-layer-metric').focus();
  await kb.press('Space');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=map-drawing] g.node').length === 7);

  // Kept across a reload, in the stored model.
  await waitSaved(page);
  await page.reload();
  await waitForApp(page);
  await page.getByText('✓ Nothing: every data entity has one source of truth').waitFor();
  const stored = await storedState(page);
  const model = JSON.parse(stored[`opmodel.model.${stored['opmodel.last']}`]).model;
  assert.equal(model.dataEntities.length, 2);
  assert.deepEqual(model.flows.map((f) => [f.from, f.to, f.carries, f.mechanism]), [['el-crm', 'el-billing', ['el-customer'], 'integration']]);
  assert.deepEqual(model.metrics.map((k) => [k.name, k.owner, k.measures ?? null]), [
    ['Days sales outstanding', 'role-fin', 'el-cash'],
    ['Revenue', 'role-fin', null],
  ]);

  // Exported and imported: the same model under a new id.
  await page.goto('/models');
  await waitForApp(page);
  await page.getByTestId('export-button').focus();
  const [download] = await Promise.all([page.waitForEvent('download'), kb.press('Enter')]);
  const text = await readDownload(download);
  assert.equal(JSON.parse(text).schemaVersion, 5);
  const exported = JSON.parse(text).model;
  await page.getByTestId('import-input').setInputFiles({ name: 'map.opmodel.json', mimeType: 'application/json', buffer: Buffer.from(text) });
  await page.getByTestId('incoming-copy').click();
  await page.getByText('Imported “Fixture wholesaler” as a new model').waitFor();
  await waitSaved(page);
  const again = await storedState(page);
  const imported = JSON.parse(again[`opmodel.model.${again['opmodel.last']}`]).model;
  const strip = ({ id, updatedAt, lineage, ...rest }) => rest;
  assert.deepEqual(strip(imported), strip(exported));
  await page.getByRole('link', { name: 'Map', exact: true }).click();
  assert.deepEqual((await drawing(page)).edges, everything.edges);
  await context.close();
});

test('the Map page with a sample: axe at 1280 and 360 px, light and dark, every card open; the drawing scrolls in its box on a phone', async () => {
  const { context, page } = await openApp(env.browser, env.server.url, '/models');
  await page.getByTestId('sample-saas').click();
  await page.waitForURL(/ownership/);
  await page.goto('/map');
  await page.getByTestId('map-drawing').locator('svg').waitFor();
  for (const d of await page.locator('details').all()) await d.evaluate((el) => (el.open = true));
  for (const width of [1280, 360]) {
    await page.setViewportSize({ width, height: width === 360 ? 740 : 800 });
    for (const scheme of ['light', 'dark']) {
      await page.emulateMedia({ colorScheme: scheme });
      assert.deepEqual(await axe(page), [], `/map at ${width} px, ${scheme}`);
    }
  }
  assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), 360);
  const box = await page.locator('.map-drawing .chart-svg').evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth, overflow: getComputedStyle(el).overflowX }));
  assert.ok(box.scroll > box.client && box.overflow === 'auto', JSON.stringify(box));
  await context.close();
});

/// A model of 60 boxes: ten each of outcomes, processes, workflows, data
/// entities and systems, and ten metrics, linked to scattered partners (as
/// `testkit::map_model` does), as a version 3 file.
function sixtyBoxes() {
  const n = 10;
  const kinds = ['outcome', 'process', 'workflow', 'data', 'system'];
  const id = (k, i) => `${k}-${i % n}`;
  const roles = [0, 1, 2, 3].map((j) => ({ id: `role-${j}`, name: `Role ${j} lead` }));
  const elements = kinds.flatMap((k, ki) => [...Array(n)].map((_, i) => ({
    id: id(k, i), name: `${k[0].toUpperCase()}${k.slice(1)} number ${i}`, kind: k,
    assignments: { [`role-${(i + ki) % 4}`]: 'A' },
  })));
  const workflows = [...Array(n)].flatMap((_, i) => [
    { element: id('process', i), produces: [id('outcome', i * 7 + 3)], contains: [id('workflow', i * 3 + 1)] },
    { element: id('workflow', i), systems: [id('system', i * 5 + 2)], stages: [{ id: 's1', name: 'Do it', reads: [id('data', i + 2)], writes: [id('data', i)] }] },
  ]);
  const dataEntities = [...Array(n)].map((_, i) => ({ element: id('data', i), systems: { [id('system', i * 3)]: 'source', [id('system', i + 1)]: 'copy' } }));
  const flows = [...Array(n)].map((_, i) => ({ id: `flow-${i}`, from: id('system', i), to: id('system', i + 1), carries: [id('data', i)], mechanism: 'integration' }));
  const metrics = [...Array(n)].map((_, i) => ({ id: `metric-${i}`, name: `Metric number ${i}`, owner: `role-${i % 4}`, measures: id('outcome', i) }));
  const model = {
    id: 'sixty', name: 'Sixty boxes', createdAt: '2026-11-20T09:00:00Z', updatedAt: '2026-11-20T09:00:00Z',
    roles, elements, workflows, dataEntities, flows, metrics,
  };
  return JSON.stringify({ format: 'opmodel', schemaVersion: 3, exportedAt: '2026-11-20T09:00:00Z', generator: 'test', model });
}

test('a projector: a map of 60 boxes presented on 1920 x 1080 fits across, no text under 11 px', async () => {
  const { context, page } = await openApp(env.browser, env.server.url, '/models');
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.getByTestId('import-input').setInputFiles({ name: 'sixty.opmodel.json', mimeType: 'application/json', buffer: Buffer.from(sixtyBoxes()) });
  await page.getByText('Imported “Sixty boxes” as a new model').waitFor();
  await page.goto('/map');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=map-drawing] g.node').length === 60);
  await page.getByTestId('map-drawing').locator('svg').waitFor();
  await page.getByRole('button', { name: 'Present' }).click();
  const shown = await page.locator('.map-drawing svg').evaluate((svg) => {
    const r = svg.getBoundingClientRect();
    const scale = r.width / svg.viewBox.baseVal.width;
    const smallest = Math.min(...[...svg.querySelectorAll('text')].map((t) => parseFloat(t.getAttribute('font-size') || '14') * scale));
    return { left: r.left, right: r.right, top: r.top, bottom: r.bottom, width: r.width, smallest, header: !!document.querySelector('.app-header')?.offsetParent };
  });
  // Wholly in view, across most of the screen.
  assert.ok(shown.left >= 0 && shown.right <= 1920 && shown.bottom <= 1080 && shown.width > 1200, JSON.stringify(shown));
  assert.ok(shown.smallest >= 11, JSON.stringify(shown));
  assert.equal(shown.header, false, 'the app header is hidden while presenting');
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Present' }).waitFor();
  await context.close();
});

test('a review lists metric objects: ticked, and a new one added from the review, then owned on the Map page', async () => {
  const { context, page } = await openApp(env.browser, env.server.url, '/models');
  await page.getByTestId('import-input').setInputFiles(join(FIXTURES, 'map-v2.opmodel.json'));
  await page.getByText('Imported “Fixture wholesaler” as a new model').waitFor();
  await page.getByRole('link', { name: 'Governance', exact: true }).click();
  const metrics = page.getByTestId('review-metrics');
  await metrics.locator('summary').click();
  assert.equal(await metrics.locator('summary').innerText(), 'Looks at 2 metrics');
  assert.deepEqual(await metrics.getByRole('checkbox').evaluateAll((boxes) => boxes.map((b) => [b.parentElement.textContent.trim(), b.checked])), [
    ['Days sales outstanding', true],
    ['Revenue', true],
  ]);
  await metrics.getByRole('checkbox', { name: 'Revenue' }).uncheck();
  await page.getByTestId('review-new-metric').fill('Cash conversion');
  await page.getByTestId('review-new-metric').press('Enter');
  await metrics.getByRole('checkbox', { name: 'Cash conversion' }).waitFor();
  assert.equal(await metrics.locator('summary').innerText(), 'Looks at 2 metrics');
  await page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: 'Map' }).click();
  const found = await findings(page);
  assert.ok(found.includes('⚠Problem: No review looks at the metric “Revenue”: add it to the review where it is discussed.'), found.join(' | '));
  assert.ok(found.includes('⚠Problem: Nobody owns the metric “Cash conversion”: give one role its definition and its calculation.'), found.join(' | '));
  // One undo takes back the new metric and its place in the review.
  await page.getByRole('heading', { name: 'Map', exact: true }).focus();
  await page.keyboard.press('Control+z');
  await page.waitForFunction(() => !document.querySelector('[data-testid=map-metrics]').textContent.includes('Cash conversion'));
  await context.close();
});
