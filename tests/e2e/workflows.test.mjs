// The Workflows page: a flow written down stage by stage, its handoffs and
// gaps found live, fixed, kept across a reload and undone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { openApp, waitForApp, waitSaved, storedState, readDownload, useServerAndBrowser } from './lib/harness.mjs';
import { addRole, addElement } from './lib/matrix.mjs';

const env = useServerAndBrowser();
const FIXTURES = join(import.meta.dirname, '..', 'fixtures');

const findings = (page) => page.getByTestId('workflow-findings').locator('li').allInnerTexts();

test('a three-stage workflow across three roles: handoffs and gaps found, fixed, kept and undone', async () => {
  const { context, page } = await openApp(env.browser, env.server.url, '/ownership');
  for (const role of ['Clerk', 'Ops Lead', 'Finance']) await addRole(page, role);
  await addElement(page, 'Refunds', 'workflow');
  // Ops Lead owns it, the Clerk does it; Finance has no letter.
  const cells = page.locator('#ownership-grid .cell');
  await cells.nth(0).focus();
  await page.keyboard.press('r');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('a');
  await page.getByRole('link', { name: 'Workflows', exact: true }).click();
  await page.getByRole('heading', { name: 'How “Refunds” flows' }).waitFor();

  await page.getByTestId('trigger').fill('A customer asks for their money back');
  await page.getByTestId('trigger').press('Tab');
  const stages = [['Log the request', 'Clerk'], ['Approve', 'Ops Lead'], ['Pay out', 'Finance']];
  for (const [name, role] of stages) {
    await page.getByTestId('add-stage').click();
    // The new stage's name field takes the focus.
    await page.waitForFunction(() => document.activeElement?.dataset.testid === 'stage-name');
    await page.keyboard.press('Control+a');
    await page.keyboard.type(name);
    await page.keyboard.press('Tab');
    await page.getByTestId('stage').last().getByTestId('stage-role').selectOption({ label: role });
  }
  assert.deepEqual(await page.getByTestId('stage-name').evaluateAll((els) => els.map((e) => e.value)), stages.map((s) => s[0]));
  // Clerk to Ops Lead, Ops Lead to Finance (shown once the role's frame is painted).
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=handoff]').length === 2);
  // The swimlane: a lane per role, the stages in order, the two handoffs.
  const lane = page.getByTestId('swimlane');
  const drawn = await lane.locator('svg').evaluate((svg) => ({
    lanes: [...svg.querySelectorAll('g.lane')].map((g) => g.querySelector('title')?.textContent),
    stages: svg.querySelectorAll('g.stage[data-stage]').length,
    handoffs: svg.querySelectorAll('.arrow.handoff').length,
    arrows: svg.querySelectorAll('.arrow').length,
  }));
  assert.deepEqual(drawn, { lanes: ['Lane: Clerk', 'Lane: Ops Lead', 'Lane: Finance'], stages: 3, handoffs: 2, arrows: 2 });
  // A stage in the drawing takes the focus, and Enter opens it below.
  await lane.locator('g.stage').nth(1).focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement?.value === 'Approve');
  const found = await findings(page);
  for (const text of [
    '“Refunds” does not say what it produces at the end',
    'Stage “Log the request” of “Refunds” has no exit criteria',
    'The handoff from Clerk to Ops Lead before “Approve” does not say what is passed on',
    'Ops Lead accepts the work without a check',
    'Stage “Pay out” is performed by Finance, but the matrix says otherwise',
  ]) {
    assert.ok(found.some((f) => f.includes(text)), `${text} in ${found.join(' | ')}`);
  }

  // Reorder by keyboard: Alt+ArrowUp moves "Pay out" above "Approve", and back.
  const payOut = page.getByTestId('stage-name').nth(2);
  await payOut.focus();
  await page.keyboard.press('Alt+ArrowUp');
  await page.waitForFunction(() => [...document.querySelectorAll('[data-testid=stage-name]')].map((e) => e.value).join() === 'Log the request,Pay out,Approve');
  assert.equal(await page.evaluate(() => document.activeElement?.value), 'Pay out', 'the moved stage keeps the focus');
  await page.keyboard.press('Alt+ArrowDown');
  await page.waitForFunction(() => [...document.querySelectorAll('[data-testid=stage-name]')].map((e) => e.value).join() === 'Log the request,Approve,Pay out');

  // Fix every gap.
  for (const [i, exit] of ['Request and order number logged', 'Approved or refused in writing', 'Money sent, customer told'].entries()) {
    await page.getByTestId('stage-exit').nth(i).fill(exit);
    await page.getByTestId('stage-exit').nth(i).press('Tab');
  }
  for (const [i, [passed, check]] of [['The logged request', 'The order exists and is paid'], ['The approval', 'Signed by the Ops Lead']].entries()) {
    await page.getByTestId('handoff-passed').nth(i).fill(passed);
    await page.getByTestId('handoff-passed').nth(i).press('Tab');
    await page.getByTestId('handoff-check').nth(i).fill(check);
    await page.getByTestId('handoff-check').nth(i).press('Tab');
  }
  await page.getByRole('button', { name: '+ Output' }).click();
  await page.getByRole('textbox', { name: 'Output' }).fill('Money back to the customer');
  await page.getByRole('textbox', { name: 'Output' }).press('Tab');
  // The findings follow the edit once its frame is painted.
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=workflow-findings] li').length === 1);
  const left = await findings(page);
  assert.equal(left.length, 1, left.join(' | '));
  assert.ok(left[0].endsWith('Stage “Pay out” is performed by Finance, but the matrix says otherwise: Finance has neither R nor A on “Refunds”.'), left[0]);
  await page.getByTestId('stage').nth(2).getByTestId('stage-role').selectOption({ label: 'Clerk' });
  await page.getByText('✓ Nothing: a newcomer could learn this flow from what is written here.').waitFor();
  assert.match(await page.getByTestId('workflow-coverage').innerText(), /^100%/);

  // One undo takes back the last change (the stage's role) and nothing
  // else; redo brings it again.
  await page.getByRole('heading', { name: 'Workflows', exact: true }).click();
  await page.keyboard.press('Control+z');
  await page.getByTestId('workflow-findings').getByText('Stage “Pay out” is performed by Finance, but the matrix says otherwise', { exact: false }).waitFor();
  assert.equal(await page.getByTestId('stage').nth(2).getByTestId('stage-role').evaluate((s) => s.selectedOptions[0].text), 'Finance');
  assert.equal((await findings(page)).length, 1);
  await page.keyboard.press('Control+y');
  await page.getByText('✓ Nothing: a newcomer could learn this flow from what is written here.').waitFor();

  // Kept across a reload, in the stored model.
  await waitSaved(page);
  await page.reload();
  await waitForApp(page);
  await page.getByRole('heading', { name: 'How “Refunds” flows' }).waitFor();
  assert.deepEqual(await page.getByTestId('stage-name').evaluateAll((els) => els.map((e) => e.value)), stages.map((s) => s[0]));
  const stored = await storedState(page);
  const model = JSON.parse(stored[`opmodel.model.${stored['opmodel.last']}`]).model;
  assert.equal(model.workflows.length, 1);
  assert.deepEqual(model.workflows[0].stages.map((s) => s.handoff?.check ?? ''), ['', 'The order exists and is paid', 'Signed by the Ops Lead']);

  await context.close();
});

test('the automation view ranks only standardized work and says what the rest lacks', async () => {
  const { context, page } = await openApp(env.browser, env.server.url, '/ownership');
  await addElement(page, 'Invoicing', 'workflow');
  await page.getByRole('link', { name: 'Workflows', exact: true }).click();
  const automation = page.getByTestId('automation');
  await automation.getByText('Hours a year = runs a year × minutes per run ÷ 60').waitFor();
  assert.equal(
    await page.getByTestId('automation-define-first').innerText(),
    'Invoicing: its stages are not written down; it has no single accountable role; it has open problems; no review looks at it.',
  );
  assert.equal(await page.getByTestId('automation-ready').count(), 0);
  const [download] = await Promise.all([page.waitForEvent('download'), automation.getByRole('button', { name: 'Export CSV' }).click()]);
  assert.match(download.suggestedFilename(), /\.automation\.csv$/);
  await context.close();
});

test('a stage that uses a system nobody owns is found, and owning the system clears it', async () => {
  const { context, page } = await openApp(env.browser, env.server.url, '/ownership');
  await addRole(page, 'Clerk');
  await addElement(page, 'Invoicing', 'workflow');
  await addElement(page, 'Ledger', 'system');
  await page.getByRole('link', { name: 'Workflows', exact: true }).click();
  await page.getByTestId('add-stage').click();
  const stage = page.getByTestId('stage').first();
  await stage.locator('summary').click();
  await stage.getByRole('group', { name: 'Systems used' }).getByLabel('Ledger').check();
  await page.getByTestId('workflow-findings').getByText('Stage “Stage 1” uses the system “Ledger”, which nobody owns: give it an A in the matrix.').waitFor();
  assert.match(await stage.locator('summary').innerText(), /^Systems and data: 1 used, 0 read, 0 written$/);
  // The Ledger gets an owner in the matrix: the finding goes.
  await page.getByRole('link', { name: 'Ownership', exact: true }).click();
  await page.locator('#ownership-grid .grid-body [role=row][data-row]').nth(1).locator('.cell').first().click();
  await page.keyboard.press('a');
  await page.getByRole('link', { name: 'Workflows', exact: true }).click();
  await page.getByTestId('workflow-findings').waitFor();
  assert.equal(await page.getByTestId('workflow-findings').getByText('Ledger').count(), 0);
  await context.close();
});

/// Presses Tab until the focused element matches `selector` (at most
/// `max` presses): the control is reached by keyboard, as a person would.
async function tabTo(page, selector, { max = 60, back = false } = {}) {
  for (let i = 0; i < max; i++) {
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`${selector} not reached in ${max} Tab presses`);
}

/// Chooses an option of the focused <select> by typing its first letters
/// (the closed list's type-ahead, which fires a change).
async function typeOption(page, label) {
  await page.keyboard.type(label, { delay: 20 });
  await page.waitForFunction((l) => document.activeElement?.selectedOptions?.[0]?.text === l, label);
}

const stageNames = (page) => page.getByTestId('stage-name').evaluateAll((els) => els.map((e) => e.value));

test('keyboard only: a five-stage flow across three roles, opened from the grid, fixed, drawn, reloaded, exported and imported', async () => {
  const { context, page } = await openApp(env.browser, env.server.url, '/ownership');
  const kb = page.keyboard;
  for (const role of ['Clerk', 'Ops Lead', 'Finance']) await addRole(page, role);
  await addElement(page, 'Refunds', 'workflow');
  // The Clerk does it (R), the Ops Lead owns it (A), Finance pays (R).
  await page.locator('#ownership-grid .cell').first().focus();
  for (const key of ['r', 'ArrowRight', 'a', 'ArrowRight', 'r']) await kb.press(key);

  // The row's "Flow" link opens the element on the Workflows page.
  await page.getByTestId('flow-link').focus();
  await kb.press('Enter');
  await page.waitForURL(/\/workflows\?open=/);
  await page.getByRole('heading', { name: 'How “Refunds” flows' }).waitFor();

  await page.getByTestId('trigger').focus();
  await kb.type('A customer asks for their money back');
  const plan = [
    ['Log the request', 'Clerk', 'Request and order number logged'],
    ['Check the order', 'Clerk', 'Order found, paid and within 30 days'],
    ['Approve', 'Ops Lead', 'Approved or refused in writing'],
    ['Pay out', 'Finance', 'Money sent'],
    ['Tell the customer', 'Clerk', 'Customer told, ticket closed'],
  ];
  for (const [i, [name, role, exit]] of plan.entries()) {
    await tabTo(page, '[data-testid=add-stage]');
    await kb.press('Enter');
    await page.waitForFunction((n) => document.activeElement?.dataset.testid === 'stage-name' && document.querySelectorAll('[data-testid=stage]').length === n, i + 1);
    await kb.press('Control+a');
    await kb.type(name);
    await kb.press('Tab');
    await typeOption(page, role);
    // Exit criteria: further on in the same stage.
    await tabTo(page, `[data-testid=stage]:nth-child(${i + 1}) [data-testid=stage-exit]`);
    // The last stage is left without exit criteria for now.
    if (i < 4) await kb.type(exit);
    await kb.press('Tab');
  }
  assert.deepEqual(await stageNames(page), plan.map((p) => p[0]));
  // Clerk to Ops Lead, Ops Lead to Finance, Finance to Clerk.
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=handoff]').length === 3);

  // The swimlane, parsed: three lanes, five stages, the three handoffs.
  const svgText = await page.getByTestId('swimlane').locator('svg').evaluate((svg) => svg.outerHTML);
  const drawn = await page.evaluate((text) => {
    const svg = new DOMParser().parseFromString(text, 'image/svg+xml').documentElement;
    return {
      lanes: [...svg.querySelectorAll('g.lane')].map((g) => g.querySelector('title')?.textContent),
      stages: [...svg.querySelectorAll('g.stage[data-stage]')].length,
      handoffs: svg.querySelectorAll('.arrow.handoff').length,
      arrows: svg.querySelectorAll('.arrow').length,
    };
  }, svgText);
  assert.deepEqual(drawn, { lanes: ['Lane: Clerk', 'Lane: Ops Lead', 'Lane: Finance'], stages: 5, handoffs: 3, arrows: 4 });

  // The findings: the output, the last exit criteria, the three handoffs.
  const before = await findings(page);
  for (const text of [
    '“Refunds” does not say what it produces at the end',
    'Stage “Tell the customer” of “Refunds” has no exit criteria',
    'The handoff from Clerk to Ops Lead before “Approve” does not say what is passed on',
    'The handoff from Ops Lead to Finance before “Pay out” does not say what is passed on',
    'The handoff from Finance to Clerk before “Tell the customer” does not say what is passed on',
  ]) {
    assert.ok(before.some((f) => f.includes(text)), `${text} in ${before.join(' | ')}`);
  }
  assert.equal(before.length, 8, before.join(' | '));

  // Fixed by keyboard: the handoffs (what is passed on, what is checked),
  // the last exit criteria, the output.
  const handoffs = [['The checked request', 'The order is paid'], ['The approval', 'Signed by the Ops Lead'], ['The payment reference', 'The money left the account']];
  await page.getByTestId('trigger').focus();
  for (const [i, [passed, check]] of handoffs.entries()) {
    await tabTo(page, `[data-testid=stage]:nth-child(${i + 3}) [data-testid=handoff-passed]`);
    await kb.type(passed);
    await kb.press('Tab');
    await kb.type(check);
    await kb.press('Tab');
  }
  await tabTo(page, '[data-testid=stage]:nth-child(5) [data-testid=stage-exit]');
  await kb.type('Customer told, ticket closed');
  await kb.press('Tab');
  await page.getByTestId('trigger').focus();
  await tabTo(page, 'button.add-output');
  await kb.press('Enter');
  // The new output's field takes the focus.
  await page.waitForFunction(() => document.activeElement?.id === 'output-0');
  await kb.type('Money back to the customer');
  await kb.press('Tab');
  await page.getByText('✓ Nothing: a newcomer could learn this flow from what is written here.').waitFor();
  assert.match(await page.getByTestId('workflow-coverage').innerText(), /^100%/);

  // Kept across a reload.
  await waitSaved(page);
  await page.reload();
  await waitForApp(page);
  await page.getByRole('heading', { name: 'How “Refunds” flows' }).waitFor();
  assert.deepEqual(await stageNames(page), plan.map((p) => p[0]));

  // Exported and imported: the same model under a new id.
  await page.goto('/models');
  await waitForApp(page);
  await page.getByTestId('export-button').focus();
  const [download] = await Promise.all([page.waitForEvent('download'), kb.press('Enter')]);
  const text = await readDownload(download);
  const exported = JSON.parse(text).model;
  assert.equal(exported.workflows[0].stages.length, 5);
  await page.getByTestId('import-input').setInputFiles({ name: 'refunds.opmodel.json', mimeType: 'application/json', buffer: Buffer.from(text) });
  await page.getByTestId('incoming-copy').click();
  await page.getByText('Imported “My operating model” as a new model').waitFor();
  await waitSaved(page);
  const stored = await storedState(page);
  const imported = JSON.parse(stored[`opmodel.model.${stored['opmodel.last']}`]).model;
  const strip = ({ id, updatedAt, lineage, ...rest }) => rest;
  assert.deepEqual(strip(imported), strip(exported));
  await page.getByRole('link', { name: 'Workflows', exact: true }).click();
  assert.deepEqual(await stageNames(page), plan.map((p) => p[0]));

  // A version 1 file still opens, its processes listed with nothing written yet.
  await page.goto('/models');
  await waitForApp(page);
  await page.getByTestId('import-input').setInputFiles(join(FIXTURES, 'valid-small.opmodel.json'));
  await page.getByText('Imported “Fixture bakery” as a new model').waitFor();
  await page.getByRole('link', { name: 'Workflows', exact: true }).click();
  await page.getByTestId('workflow-list').waitFor();
  assert.ok((await page.getByTestId('workflow-list').locator('tbody tr').count()) > 0);
  const cells = await page.getByTestId('workflow-list').locator('tbody tr').evaluateAll((rows) => rows.map((r) => [...r.cells].map((c) => c.textContent)));
  assert.ok(cells.length > 0 && cells.every((c) => c[3] === 'Not described yet' && c[4] === '–'), JSON.stringify(cells));
  await context.close();
});

test('a stage moves by dragging its handle; a decision point is created from the stage and opened in Decision rights', async () => {
  const { context, page } = await openApp(env.browser, env.server.url, '/ownership');
  await addRole(page, 'Clerk');
  await addElement(page, 'Refunds', 'workflow');
  await page.getByRole('link', { name: 'Workflows', exact: true }).click();
  for (const name of ['One', 'Two', 'Three']) {
    await page.getByTestId('add-stage').click();
    await page.waitForFunction(() => document.activeElement?.dataset.testid === 'stage-name');
    await page.keyboard.press('Control+a');
    await page.keyboard.type(name);
    await page.keyboard.press('Tab');
  }
  // Drag "Three" onto "One": it lands first, one undo step. (A window
  // tall enough to show both: the drag starts where the pointer is.)
  await page.setViewportSize({ width: 1280, height: 1600 });
  await page.getByTestId('stage').nth(0).scrollIntoViewIfNeeded();
  await page.getByTestId('stage-drag').nth(2).dragTo(page.getByTestId('stage').nth(0));
  await page.waitForFunction(() => [...document.querySelectorAll('[data-testid=stage-name]')].map((e) => e.value).join() === 'Three,One,Two');
  await page.getByRole('heading', { name: 'Workflows', exact: true }).click();
  await page.keyboard.press('Control+z');
  await page.waitForFunction(() => [...document.querySelectorAll('[data-testid=stage-name]')].map((e) => e.value).join() === 'One,Two,Three');

  // A decision for stage "Two": added to the table, linked, one undo step.
  await page.getByTestId('stage').nth(1).getByTestId('new-decision').click();
  await page.getByText('Decision “Two” added to Decision rights and linked to this stage. Say there who decides.').waitFor();
  const stage = page.getByTestId('stage').nth(1);
  assert.equal(await stage.locator('select').nth(1).evaluate((s) => s.selectedOptions[0].text), 'Two');
  await page.getByTestId('workflow-findings').getByText('The decision point of “Two”, “Two”, has no deciders: give exactly one role the A on the Decisions page.').waitFor();
  await stage.getByText('Nobody decides yet.').waitFor();
  await stage.getByTestId('open-decision').click();
  await page.waitForURL(/\/decisions\?open=/);
  await page.getByTestId('details-panel').getByRole('heading', { name: 'Two' }).waitFor();
  // Undo there takes back both the decision and the link.
  await page.keyboard.press('Control+z');
  await page.getByRole('link', { name: 'Workflows', exact: true }).click();
  await page.getByTestId('stage').nth(1).getByTestId('new-decision').waitFor();
  const stored = await storedState(page);
  const model = JSON.parse(stored[`opmodel.model.${stored['opmodel.last']}`]).model;
  assert.equal(model.decisions.length, 0);
  await context.close();
});

test('a process lists the workflows it contains, the systems it runs on and the outcomes it produces', async () => {
  const { context, page } = await openApp(env.browser, env.server.url, '/ownership');
  await addElement(page, 'Sales', 'process');
  await addElement(page, 'Quoting', 'workflow');
  await addElement(page, 'CRM', 'system');
  await addElement(page, 'Revenue', 'outcome');
  await page.getByTestId('flow-link').first().click();
  await page.getByRole('heading', { name: 'How “Sales” flows' }).waitFor();
  const uses = page.getByTestId('card-uses');
  await uses.locator('summary').click();
  await uses.getByRole('group', { name: 'Workflows it contains' }).getByLabel('Quoting').check();
  await uses.getByRole('group', { name: 'Systems it runs on' }).getByLabel('CRM').check();
  await uses.getByRole('group', { name: 'Outcomes it produces' }).getByLabel('Revenue').check();
  await page.waitForFunction(() => document.querySelector('[data-testid=card-uses] summary')?.textContent === 'Systems it runs on: 1; workflows it contains: 1; outcomes it produces: 1');
  assert.equal(await uses.getByRole('group', { name: 'Workflows it contains' }).getByLabel('Sales').count(), 0, 'not itself');
  await waitSaved(page);
  const stored = await storedState(page);
  const model = JSON.parse(stored[`opmodel.model.${stored['opmodel.last']}`]).model;
  const ids = Object.fromEntries(model.elements.map((e) => [e.name, e.id]));
  assert.deepEqual(model.workflows.map((w) => [w.element, w.contains, w.systems, w.produces]), [[ids.Sales, [ids.Quoting], [ids.CRM], [ids.Revenue]]]);
  // A workflow's card has no "contains" list.
  await page.getByRole('button', { name: 'Quoting' }).click();
  await page.getByRole('heading', { name: 'How “Quoting” flows' }).waitFor();
  assert.equal(await page.getByRole('group', { name: 'Workflows it contains' }).count(), 0);
  await context.close();
});
