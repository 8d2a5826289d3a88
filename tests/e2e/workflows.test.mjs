// The Workflows page: a flow written down stage by stage, its handoffs and
// gaps found live, fixed, kept across a reload and undone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openApp, waitForApp, waitSaved, storedState, useServerAndBrowser } from './lib/harness.mjs';
import { addRole, addElement } from './lib/matrix.mjs';

const env = useServerAndBrowser();

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
  assert.equal(await page.getByTestId('handoff').count(), 2, 'Clerk to Ops Lead, Ops Lead to Finance');
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
