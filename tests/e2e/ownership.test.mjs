// The ownership matrix as a workshop uses it: keyboard first, checked live.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { axe } from './lib/axe.mjs';
import { openApp, waitForApp, waitSaved, readDownload, storedState, useServerAndBrowser } from './lib/harness.mjs';
import { addRole, addElement, roleNames, elementNames, gridLetters, activeCellText } from './lib/matrix.mjs';

const env = useServerAndBrowser();

/// Imports a generated model of `elements` x `roles` (the benchmark's
/// generator) from the Models page and opens its ownership matrix.
async function openGenerated(elements, roles, name) {
  const { makeModel, toText } = await import('../bench/models.mjs');
  const opened = await openApp(env.browser, env.server.url, '/models');
  const file = toText(makeModel({ elements, roles, name }));
  await opened.page.getByTestId('import-input').setInputFiles({ name: `${name.toLowerCase()}.opmodel.json`, mimeType: 'application/json', buffer: Buffer.from(file) });
  await opened.page.getByText('Imported').waitFor();
  await opened.page.getByRole('link', { name: 'Ownership', exact: true }).click();
  return opened;
}

const isCellFocused = (page) => page.evaluate(() => document.activeElement?.classList.contains('cell'));
// Focus returns to the grid on the next animation frame.
const cellFocused = (page) => page.waitForFunction(() => document.activeElement?.classList.contains('cell'), null, { timeout: 2000 });
// A new row's or column's name field takes the focus on the next frame.
const nameFocused = (page) => page.waitForFunction(() => document.activeElement?.classList.contains('name-input'));
const focusedRowName = (page) =>
  page.evaluate(() => document.activeElement?.closest('[role=row]')?.querySelector('.name-button')?.textContent.trim());

test('a 4 x 3 matrix built by keyboard only, checked, undone, redone, exported and reloaded', async () => {
  const { context, page } = await openApp(env.browser, env.server.url, '/ownership');
  const kb = page.keyboard;
  // The toolbar buttons are reached with the keyboard (focus, not a click).
  await page.getByRole('button', { name: '+ Element' }).focus();
  await kb.press('Enter');
  await nameFocused(page);
  await kb.type('Order fulfilment');
  await kb.press('Enter');
  await page.getByRole('button', { name: '+ Role' }).focus();
  await kb.press('Enter');
  await nameFocused(page);
  await kb.type('Head of Operations');
  await kb.press('Enter');
  await page.waitForFunction(() => document.activeElement?.classList.contains('name-button'));
  // Tab into the grid: the first cell holds the tab stop.
  for (let i = 0; i < 15 && !(await isCellFocused(page)); i++) await kb.press('Tab');
  assert.ok(await isCellFocused(page), 'Tab reaches the grid');

  // Shift+N adds a role, N an element; after naming it, typing goes on in the grid.
  for (const role of ['Support Lead', 'Finance Manager']) {
    await kb.press('Shift+N');
    await nameFocused(page);
    await kb.type(role);
    await kb.press('Enter');
    await cellFocused(page);
  }
  for (const element of ['Refunds', 'Customer record', 'Pricing rules']) {
    await kb.press('n');
    await nameFocused(page);
    await kb.type(element);
    await kb.press('Enter');
    await cellFocused(page);
  }
  assert.deepEqual(await roleNames(page), ['Head of Operations', 'Support Lead', 'Finance Manager']);
  assert.deepEqual(await elementNames(page), ['Order fulfilment', 'Refunds', 'Customer record', 'Pricing rules']);

  await kb.press('PageUp');
  await kb.press('Home');
  for (const key of [
    'a', 'ArrowRight', 'r', 'ArrowRight', 'i', 'ArrowDown',
    'c', 'ArrowLeft', 'a', 'ArrowLeft', 'a', 'ArrowDown',
    'ArrowRight', 'r', 'ArrowRight', 'c', 'ArrowDown',
    'a', 'ArrowLeft', 'r', 'ArrowLeft', 'c',
  ]) {
    await kb.press(key);
  }
  const expected = [
    ['A', 'R', 'I'],
    ['A', 'A', 'C'],
    ['', 'R', 'C'],
    ['C', 'R', 'A'],
  ];
  assert.deepEqual(await gridLetters(page), expected);

  const findings = page.getByTestId('findings');
  await findings.getByText('“Customer record” has no owner').waitFor();
  await findings.getByText('“Refunds” has 2 accountable roles (Head of Operations, Support Lead): shared ownership is no ownership').waitFor();
  assert.match(await page.getByTestId('ownership-coverage').innerText(), /50%[\s\S]*2 of 4 elements have exactly one accountable role/);

  // Undo three times (the last three letters), then redo them.
  for (let i = 0; i < 3; i++) await kb.press('Control+z');
  assert.deepEqual((await gridLetters(page))[3], ['', '', '']);
  await kb.press('Control+Shift+Z');
  await kb.press('Control+y');
  await kb.press('Control+y');
  assert.deepEqual(await gridLetters(page), expected);

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
  assert.match(download.suggestedFilename(), /^my-operating-model-\d{4}-\d{2}-\d{2}\.ownership\.csv$/);
  assert.equal(
    await readDownload(download),
    '\ufeffElement,Kind,Description,Head of Operations,Support Lead,Finance Manager\r\n' +
      'Order fulfilment,process,,A,R,I\r\n' +
      'Refunds,process,,A,A,C\r\n' +
      'Customer record,process,,,R,C\r\n' +
      'Pricing rules,process,,C,R,A\r\n',
  );

  await waitSaved(page);
  await page.reload();
  await waitForApp(page);
  assert.deepEqual(await gridLetters(page), expected);
  assert.deepEqual(await roleNames(page), ['Head of Operations', 'Support Lead', 'Finance Manager']);
  await context.close();
});

test('space cycles, delete clears, a click cycles, and the status line explains the cell', async () => {
  const { context, page } = await openApp(env.browser, env.server.url, '/ownership');
  await addRole(page, 'Owner');
  await addElement(page, 'Billing');
  const cell = page.locator('#ownership-grid .cell').first();
  await cell.focus();
  const seen = [];
  for (let i = 0; i < 6; i++) {
    await page.keyboard.press(' ');
    seen.push(await activeCellText(page));
  }
  assert.deepEqual(seen, ['R', 'A', 'C', 'I', 'A/R', '']);
  await page.keyboard.press('a');
  // The status line follows the cell one frame later.
  await page.getByTestId('grid-status').filter({ hasText: 'Owner on Billing: A (Accountable: owns the result; exactly one per element)' }).waitFor();
  await page.keyboard.press('Delete');
  assert.equal(await cell.innerText(), '');
  await cell.click();
  assert.equal(await cell.innerText(), 'R');
  await cell.click();
  assert.equal(await cell.innerText(), 'A');
  await context.close();
});

test('A/R: the owner also does the work, set by keyboard, counted as both, exported and kept', async () => {
  const { context, page } = await openApp(env.browser, env.server.url, '/ownership');
  await addRole(page, 'Finance Lead');
  await addRole(page, 'Clerk');
  await addElement(page, 'Invoicing');
  const cell = page.locator('#ownership-grid .cell').first();
  await cell.focus();
  await page.keyboard.press('+');
  assert.equal(await activeCellText(page), 'A/R');
  assert.equal(await cell.getAttribute('class').then((c) => c.includes('letter-ar')), true);
  await page.getByTestId('grid-status')
    .filter({ hasText: 'Finance Lead on Invoicing: A/R (Accountable and Responsible: owns the result and does the work)' })
    .waitFor();
  // Neither "no owner" nor "nobody doing the work": A/R is both.
  const findings = page.getByTestId('findings');
  await findings.getByText('“Clerk” has no part in any element').waitFor();
  assert.equal(await findings.getByText('Invoicing').count(), 0);
  // The legend explains it; "/" sets it too, and R replaces it.
  await page.locator('.legend').getByText('Accountable and Responsible').waitFor();
  await page.keyboard.press('r');
  assert.equal(await activeCellText(page), 'R');
  await page.keyboard.press('/');
  assert.equal(await activeCellText(page), 'A/R');

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
  assert.equal(await readDownload(download), '\ufeffElement,Kind,Description,Finance Lead,Clerk\r\nInvoicing,process,,A/R,\r\n');
  await waitSaved(page);
  const stored = await storedState(page);
  const file = JSON.parse(stored[`opmodel.model.${stored['opmodel.last']}`]);
  assert.equal(file.schemaVersion, 5);
  assert.deepEqual(Object.values(file.model.elements[0].assignments), ['A/R']);
  await page.reload();
  await waitForApp(page);
  assert.deepEqual(await gridLetters(page), [['A/R', '']]);
  await context.close();
});

test('the grid exposes its rows, headers and selected cell to assistive technology', async () => {
  const { context, page } = await openApp(env.browser, env.server.url, '/models');
  await page.getByTestId('sample-agency').click();
  await page.waitForURL(/ownership/);
  const grid = page.getByRole('grid', { name: 'Ownership matrix: elements by roles' });
  await grid.getByRole('gridcell').first().waitFor();
  await waitSaved(page);
  const stored = await storedState(page);
  const { roles, elements } = JSON.parse(stored[`opmodel.model.${stored['opmodel.last']}`]).model;

  // One header per role after the corner, one row header per element, and
  // the counts a screen reader announces (header row, elements, load row).
  const columnHeaders = grid.getByRole('columnheader');
  assert.equal(await columnHeaders.count(), roles.length + 1);
  assert.equal((await columnHeaders.first().innerText()).trim(), 'Element');
  for (const [i, role] of roles.entries()) assert.ok((await columnHeaders.nth(i + 1).innerText()).includes(role.name), role.name);
  const rowHeaders = grid.getByRole('rowgroup').nth(1).getByRole('rowheader');
  assert.equal(await rowHeaders.count(), elements.length);
  assert.ok((await rowHeaders.first().innerText()).includes(elements[0].name));
  assert.equal(await grid.getAttribute('aria-rowcount'), String(elements.length + 2));
  assert.equal(await grid.getAttribute('aria-colcount'), String(roles.length + 1));
  assert.equal(await grid.getByRole('gridcell').count(), elements.length * roles.length + roles.length);

  // Rows say where they are; the body's first row is the grid's second.
  const third = grid.getByRole('row').nth(3);
  assert.equal(await third.getAttribute('aria-rowindex'), '4');
  assert.ok((await third.getByRole('rowheader').innerText()).includes(elements[2].name));

  // The focused cell is the one selected cell, and moves with the arrows.
  await grid.getByRole('gridcell').first().focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowRight');
  const selected = grid.getByRole('gridcell', { selected: true });
  assert.equal(await selected.count(), 1);
  assert.ok(await selected.evaluate((cell) => cell === document.activeElement));
  assert.deepEqual(await selected.evaluate((cell) => [cell.dataset.row, cell.dataset.col]), [elements[1].id, roles[1].id]);
  await context.close();
});

test('rename with Enter, reorder with Alt+Arrows, filter by kind, and jump from a finding', async () => {
  const { context, page } = await openApp(env.browser, env.server.url, '/ownership');
  await addRole(page, 'Ops');
  await addElement(page, 'First', 'process');
  await addElement(page, 'Second', 'data');
  await addElement(page, 'Third', 'system');

  const third = page.getByRole('button', { name: 'Third', exact: true });
  await third.focus();
  for (let i = 0; i < 2; i++) {
    await page.keyboard.press('Alt+ArrowUp');
    // The moved row gets its focus back on the next frame.
    await page.waitForFunction(() => document.activeElement?.textContent === 'Third');
  }
  assert.deepEqual(await elementNames(page), ['Third', 'First', 'Second']);
  await page.keyboard.press('Enter');
  await nameFocused(page);
  await page.keyboard.press('Control+a');
  await page.keyboard.type('Till system');
  await page.keyboard.press('Enter');
  assert.deepEqual(await elementNames(page), ['Till system', 'First', 'Second']);

  await page.getByTestId('kind-filter').selectOption('data');
  await page.waitForFunction(() => document.querySelectorAll('.grid-body .row-header .name-button').length === 1);
  assert.deepEqual(await elementNames(page), ['Second']);
  // A finding about a hidden row shows every kind again and focuses the cell.
  await page.getByTestId('findings').getByText('“First” has no owner').click();
  await page.waitForFunction(() => document.querySelectorAll('.grid-body .row-header .name-button').length === 3);
  assert.deepEqual(await elementNames(page), ['Till system', 'First', 'Second']);
  await cellFocused(page);
  assert.equal(await focusedRowName(page), 'First');

  await page.getByLabel('Group by kind').check();
  assert.deepEqual(await page.locator('.group-row').allInnerTexts(), ['Processes (1)', 'Data entities (1)', 'Systems (1)']);

  await page.getByRole('button', { name: 'Present' }).click();
  assert.equal(await page.getByRole('button', { name: '+ Element' }).isVisible(), false, 'editing chrome is hidden');
  await page.keyboard.press('Escape');
  assert.equal(await page.getByRole('button', { name: '+ Element' }).isVisible(), true);
  await context.close();
});

test('a CSV is previewed with per-line errors before it changes anything', async () => {
  const { context, page } = await openApp(env.browser, env.server.url, '/ownership');
  await addRole(page, 'Ops Lead');
  await waitSaved(page);
  const csv = 'Element,Kind,Description,Ops Lead,Support Lead\n' +
    'Billing,process,Monthly invoices,A,R\n' +
    'Gadget,gizmo,,A,\n' +
    'Refunds,workflow,,X,A\n' +
    'Customer record,data,,R,A\n';
  await page.getByTestId('import-csv-input').setInputFiles({ name: 'team.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  const preview = page.getByTestId('csv-preview');
  await preview.waitFor();
  assert.equal(await preview.getByTestId('csv-mapping').count(), 0, 'the export\'s own shape needs no mapping');
  const text = await preview.innerText();
  assert.match(text, /New roles \(1\): Support Lead/);
  assert.match(text, /New elements \(2\): Billing, Customer record/);
  assert.match(text, /Line 3: the kind “gizmo” is not one of process, workflow, data, system, outcome; the line is skipped\./);
  assert.match(text, /Line 4: “X” is not one of R, A, C, I, A\/R \(or empty\); the line is skipped\./);
  assert.deepEqual(await elementNames(page), [], 'nothing changed yet');
  await preview.getByRole('button', { name: 'Import' }).click();
  assert.deepEqual(await elementNames(page), ['Billing', 'Customer record']);
  assert.deepEqual(await gridLetters(page), [['A', 'R'], ['R', 'A']]);
  // The whole import is one undo step.
  await page.keyboard.press('Control+z');
  assert.deepEqual(await elementNames(page), []);
  assert.deepEqual(await roleNames(page), ['Ops Lead']);
  await context.close();
});

test('a RACI template with a title, a legend and phase headings is imported through the mapping step, by keyboard', async () => {
  const { context, page } = await openApp(env.browser, env.server.url, '/ownership');
  const kb = page.keyboard;
  const focusedId = () => page.evaluate(() => document.activeElement?.dataset.testid ?? document.activeElement?.textContent.trim());
  const template = await readFile(new URL('../fixtures/csv/raci-template-35x10.csv', import.meta.url));
  await page.getByTestId('import-csv-input').setInputFiles({ name: 'relaunch.csv', mimeType: 'text/csv', buffer: template });
  const preview = page.getByTestId('csv-preview');
  await preview.waitFor();
  // The dialog's heading has the focus; the mapping step shows the guess.
  await page.waitForFunction(() => document.activeElement?.id === 'import-preview-title');
  const counts = preview.getByTestId('csv-counts');
  assert.equal(await counts.innerText(), '10 new roles, 35 new elements, 0 updated elements, 5 headings skipped, 0 lines skipped.');
  assert.equal(await preview.getByLabel('Header row').inputValue(), '2');
  assert.match(await preview.getByLabel('Header row').locator('option:checked').innerText(), /^Line 4: Activity, Sponsor, Project Manager/);
  assert.equal(await preview.getByLabel('Element names').locator('option:checked').innerText(), 'A: Activity');
  assert.equal(await preview.getByLabel('Kind').locator('option:checked').innerText(), 'Process');
  assert.equal(await preview.getByLabel('Description').locator('option:checked').innerText(), 'None');
  assert.equal(await preview.getByTestId('map-roles').getByRole('checkbox', { checked: true }).count(), 10);
  assert.match(await preview.innerText(), /Headings skipped \(5\): Phase 1: Initiation, Phase 2: Planning/);

  // Tab from the heading to the header row, then on through every choice.
  await kb.press('Tab');
  assert.equal(await focusedId(), 'map-header');
  // Kind: one kind for every new element, chosen with the arrow keys.
  await preview.getByLabel('Kind').focus();
  await kb.press('ArrowDown');
  assert.equal(await preview.getByLabel('Kind').locator('option:checked').innerText(), 'Workflow');
  // The Communications column is left out with the space bar; headings are
  // imported as elements; the counts follow each choice.
  await preview.getByRole('checkbox', { name: 'K: Communications' }).focus();
  await kb.press('Space');
  await counts.filter({ hasText: '9 new roles' }).waitFor();
  await preview.getByRole('checkbox', { name: 'Import rows with no letters as elements' }).focus();
  await kb.press('Space');
  await counts.filter({ hasText: '9 new roles, 40 new elements, 0 updated elements, 0 headings skipped, 0 lines skipped.' }).waitFor();
  await kb.press('Space');
  await counts.filter({ hasText: '35 new elements' }).waitFor();
  await preview.getByRole('checkbox', { name: 'K: Communications' }).focus();
  await kb.press('Space');
  await counts.filter({ hasText: '10 new roles' }).waitFor();
  // On to Import: past the headings checkbox.
  await kb.press('Tab');
  await kb.press('Tab');
  assert.equal(await focusedId(), 'Import');
  assert.deepEqual(await elementNames(page), [], 'nothing changed yet');
  await kb.press('Enter');
  await preview.waitFor({ state: 'detached' });
  assert.equal((await elementNames(page)).length, 35);
  assert.equal((await roleNames(page)).length, 10);
  const letters = (await gridLetters(page)).flat();
  assert.equal(letters.filter((l) => l === 'A/R').length, 8, 'the A/R cells are in the grid');
  assert.deepEqual((await gridLetters(page))[0], ['A', 'R', 'C', 'C', '', '', '', 'I', 'I', '']);
  assert.equal(await page.getByLabel('Kind of Write the business case').inputValue(), 'workflow');
  // The whole import is one undo step.
  await kb.press('Control+z');
  assert.deepEqual(await elementNames(page), []);
  assert.deepEqual(await roleNames(page), []);
  await context.close();
});

test('Escape closes the CSV mapping step unchanged and gives the focus back to the import button', async () => {
  const { context, page } = await openApp(env.browser, env.server.url, '/ownership');
  await page.setViewportSize({ width: 360, height: 740 });
  const csv = Buffer.from('\ufeffAufgabe;Beschreibung;Geschäftsführung;Vertrieb\r\nAngebote;Für Großkunden;A;R\r\n');
  await page.getByTestId('import-csv').focus();
  await page.getByTestId('import-csv-input').setInputFiles({ name: 'de.csv', mimeType: 'text/csv', buffer: csv });
  const preview = page.getByTestId('csv-preview');
  await preview.waitFor();
  assert.equal(await preview.getByTestId('csv-counts').innerText(), '2 new roles, 1 new element, 0 updated elements, 0 headings skipped, 0 lines skipped.');
  assert.equal(await preview.getByLabel('Description').locator('option:checked').innerText(), 'B: Beschreibung');
  // On a phone the choices stack: each select is as wide as the dialog and
  // nothing scrolls sideways.
  const boxes = await preview.locator('.mapping-fields select').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().left));
  assert.equal(new Set(boxes.map(Math.round)).size, 1, `selects stacked: ${boxes}`);
  assert.equal(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), true, 'no sideways scrolling');
  assert.deepEqual(await axe(page), [], 'the open mapping step passes axe');
  await preview.getByLabel('Element names').focus();
  await page.keyboard.press('Escape');
  await preview.waitFor({ state: 'detached' });
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'import-csv');
  assert.deepEqual(await elementNames(page), []);
  await context.close();
});

test('a 1,000 x 40 model keeps only the rows near the viewport in the page, and every row stays reachable', async () => {
  const { context, page } = await openGenerated(1000, 40, 'Big');
  await page.waitForSelector('#ownership-grid .grid-body [role=row][data-row]');
  const rendered = () => page.locator('#ownership-grid .grid-body [role=row][data-row]').count();
  const focusedRow = () => page.evaluate(() => document.activeElement?.closest('[role=row]')?.querySelector('.name-button')?.textContent);
  assert.ok((await rendered()) < 150, `${await rendered()} rows in the page`);

  await page.locator('#ownership-grid .cell').first().focus();
  await page.keyboard.press('PageDown');
  await page.waitForFunction(() => document.activeElement?.classList.contains('cell') && document.activeElement.closest('[role=row]').nextElementSibling === null);
  assert.match(await focusedRow(), / 1000$/, 'PageDown reaches the last row');
  // Only a window of rows is in the page; each still says where it is.
  assert.equal(await page.locator('#ownership-grid').getAttribute('aria-rowcount'), '1002');
  assert.equal(await page.evaluate(() => document.activeElement.closest('[role=row]').getAttribute('aria-rowindex')), '1001');
  await page.keyboard.press('a');
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'A');
  await page.keyboard.press('PageUp');
  await page.waitForFunction(() => / 1$/.test(document.activeElement?.closest('[role=row]')?.querySelector('.name-button')?.textContent ?? ''));

  // A finding about a row far away scrolls to it and focuses its cell.
  const last = page.getByTestId('findings').locator('button').last();
  const target = (await last.innerText()).match(/“([^”]+)”/)[1];
  await last.click();
  await page.waitForFunction((name) => document.activeElement?.classList.contains('cell') && document.activeElement.closest('[role=row]').querySelector('.name-button').textContent === name, target);
  await context.close();
});

test('a row added to a large grid is scrolled into view to be named, and typing goes on in it', async () => {
  const { context, page } = await openGenerated(400, 10, 'Long');
  await page.locator('#ownership-grid .cell').first().focus();
  // N in a cell near the top adds a row at the end, far outside the
  // rendered window: its name field must still appear and take the focus.
  await page.keyboard.press('n');
  await nameFocused(page);
  await page.keyboard.type('Month-end close');
  await page.keyboard.press('Enter');
  await cellFocused(page);
  assert.equal(await focusedRowName(page), 'Month-end close');
  await page.keyboard.press('a');
  assert.equal(await activeCellText(page), 'A');
  await context.close();
});

test('arrowing down through a large grid keeps the focus on the cell as rows scroll in', async () => {
  const { context, page } = await openGenerated(400, 10, 'Long');
  await page.locator('#ownership-grid .cell').first().focus();
  for (let i = 0; i < 120; i++) {
    await page.keyboard.press('ArrowDown');
    // The browser scrolls to the cell; the window follows a frame later.
    await page.waitForFunction(() => document.activeElement?.classList.contains('cell'), null, { timeout: 2000 });
  }
  assert.match(await page.evaluate(() => document.activeElement.closest('[role=row]').querySelector('.name-button').textContent), / 121$/);
  await context.close();
});

test("a letter's frame changes only its cell; the status line, undo, save indicator and checks follow", async () => {
  const { context, page } = await openGenerated(200, 25, 'Frame');
  await waitSaved(page);
  const cell = page.locator('#ownership-grid .cell:not(.letter-a)').nth(30);
  await cell.focus();
  // The focus queued the status line for after the next paint, as a
  // background task; it must land before the key's frame is watched (on a
  // busy machine it came in that frame). A background task posted from a
  // later animation callback runs after it.
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => {
    scheduler.postTask(done, { priority: 'background' });
  })));
  const status = await page.getByTestId('grid-status').innerText();
  // Every DOM change from the key press up to the first animation frame
  // after it: what that frame paints. A capture listener requests the frame
  // before the app's own handler runs, so it sees the frame's state first.
  await page.evaluate(() => {
    const seen = (window.__frame = { changes: [] });
    const mo = new MutationObserver((records) => {
      for (const r of records) seen.changes.push(r.target.nodeType === 3 ? r.target.parentElement : r.target);
    });
    mo.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
    window.addEventListener('keydown', () => requestAnimationFrame(() => {
      mo.takeRecords().forEach((r) => seen.changes.push(r.target.nodeType === 3 ? r.target.parentElement : r.target));
      mo.disconnect();
      const cell = document.activeElement;
      seen.outside = seen.changes.filter((t) => !cell.contains(t)).map((t) => t.outerHTML.slice(0, 120));
      seen.inCell = seen.changes.length - seen.outside.length;
      seen.letter = cell.textContent.trim();
      seen.undoDisabled = [...document.querySelectorAll('button')].find((b) => b.textContent === 'Undo').getAttribute('aria-disabled') === 'true';
    }), { capture: true, once: true });
  });
  await page.keyboard.press('a');
  const frame = await page.waitForFunction(() => window.__frame.letter !== undefined && window.__frame).then((h) => h.jsonValue());
  assert.equal(frame.letter, 'A');
  assert.ok(frame.inCell > 0, 'the cell changed in that frame');
  assert.deepEqual(frame.outside, [], 'nothing outside the cell changed in that frame');
  assert.equal(frame.undoDisabled, true, 'the undo button followed later');
  // Then the rest follows.
  await page.getByTestId('grid-status').filter({ hasText: ': A (Accountable' }).waitFor();
  assert.notEqual(await page.getByTestId('grid-status').innerText(), status);
  await page.getByRole('button', { name: 'Undo', exact: true }).and(page.locator(':not([aria-disabled="true"])')).waitFor();
  await waitSaved(page);
  await context.close();
});

test("a letter lays out its row's cells alone, not the page", async () => {
  const { context, page } = await openGenerated(200, 25, 'Layout');
  await waitSaved(page);
  const cdp = await context.newCDPSession(page);
  await page.locator('#ownership-grid .cell:not(.letter-r)').nth(40).focus();
  // The browser's own record of each layout: where it started (its
  // "layout roots") and whether it was a part of the page or all of it.
  const events = [];
  cdp.on('Tracing.dataCollected', (d) => events.push(...d.value));
  const complete = new Promise((ok) => cdp.once('Tracing.tracingComplete', ok));
  await cdp.send('Tracing.start', { categories: 'devtools.timeline,blink', transferMode: 'ReportEvents' });
  await page.keyboard.press('r');
  await page.waitForFunction(() => document.activeElement.textContent.trim() === 'R');
  await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => setTimeout(ok, 0))));
  await cdp.send('Tracing.end');
  await complete;
  // The letter's own frame: the first layout after the key. (The status
  // line and the checks follow after the paint, and lay out the page.)
  const key = events.find((e) => e.name === 'EventDispatch' && e.args?.data?.type === 'keydown');
  const after = (name) => events.filter((e) => e.name === name && e.ph === 'X' && e.ts > key.ts).sort((a, b) => a.ts - b.ts)[0];
  const layout = after('Layout');
  const frameView = after('LocalFrameView::layout');
  assert.ok(layout && frameView, 'the letter was laid out');
  assert.equal(layout.args.beginData.partialLayout, true, 'a part of the page, not all of it');
  const roots = frameView.args.endData.layoutRoots.map((r) => r.nodeName);
  assert.ok(roots.length > 0 && roots.every((n) => n.includes('row-cells')), `laid out from: ${roots.join(', ')}`);
  await context.close();
});

test('keys faster than a frame: a letter undone, or cycled twice, shows what the model holds', async () => {
  const { context, page } = await openGenerated(200, 25, 'Fast');
  await waitSaved(page);
  // Keys dispatched in one task all land before the next frame, before
  // the views of the model have followed the first (the grid shows each
  // letter itself; see grid::ShowLetter).
  const burst = (keys) => page.evaluate((keys) => {
    const cells = [...document.querySelectorAll('#ownership-grid .cell')].filter((c) => c.textContent.trim() === '');
    const cell = cells[window.__burst = (window.__burst ?? 0) + 5];
    cell.focus();
    const shown = [];
    for (const [key, ctrlKey] of keys) {
      cell.dispatchEvent(new KeyboardEvent('keydown', { key, ctrlKey, bubbles: true, cancelable: true }));
      shown.push(cell.textContent.trim());
    }
    return { shown, selector: `#ownership-grid .cell[data-row="${cell.dataset.row}"][data-col="${cell.dataset.col}"]`, row: cell.dataset.row, col: cell.dataset.col };
  }, keys);
  const settles = (selector, letter) => page.waitForFunction(
    ([s, l]) => {
      const c = document.querySelector(s);
      return c.textContent.trim() === l && c.className === `cell letter-${l.toLowerCase()}` && (l === '' ? !c.hasAttribute('title') : c.title.startsWith(`${l}:`));
    },
    [selector, letter],
    { timeout: 3000 },
  );
  const storedLetter = async ({ row, col }) => {
    await waitSaved(page);
    const stored = await storedState(page);
    const { elements } = JSON.parse(stored[`opmodel.model.${stored['opmodel.last']}`]).model;
    return elements.find((e) => e.id === row).assignments[col] ?? '';
  };

  // A letter, then Ctrl+Z in the same frame: the cell shows the letter at
  // once, and then what the model holds again: nothing.
  const undone = await burst([['r', false], ['z', true]]);
  assert.equal(undone.shown[0], 'R');
  await settles(undone.selector, '');
  assert.equal(await storedLetter(undone), '');

  // Space twice in the same frame cycles from what the cell shows: R, then A.
  const cycled = await burst([[' ', false], [' ', false]]);
  assert.deepEqual(cycled.shown, ['R', 'A']);
  await settles(cycled.selector, 'A');
  assert.equal(await storedLetter(cycled), 'A');
  await context.close();
});
