// The decision-rights table as a workshop builds it: keyboard, vocabularies,
// every finding, the lookup and the role cards.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openApp, waitForApp, useServerAndBrowser } from './lib/harness.mjs';

const env = useServerAndBrowser();

const ROLES = ['Support Agent', 'Support Lead', 'Finance Manager', 'Head of Operations'];

/// Presses a toolbar button by keyboard and types the new name.
async function addNamed(page, button, name) {
  await page.getByRole('button', { name: button, exact: true }).focus();
  await page.keyboard.press('Enter');
  // The name field takes the focus on the next frame: type once it has.
  await page.waitForFunction(() => document.activeElement?.classList.contains('name-input'));
  await page.keyboard.press('Control+a');
  await page.keyboard.type(name);
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => !document.querySelector('input.name-input'));
}

async function letters(page) {
  return page.locator('#decisions-grid .grid-body [role=row][data-row]').evaluateAll((rows) =>
    rows.map((r) => [...r.querySelectorAll('.cell')].map((c) => c.textContent.trim())),
  );
}

/// Types letters into a decision's row, one per role column ('' skips).
async function typeRow(page, row, keys) {
  await page.locator('#decisions-grid .grid-body [role=row][data-row]').nth(row).locator('.cell').first().focus();
  for (const [i, key] of keys.entries()) {
    if (key) await page.keyboard.press(key);
    if (i < keys.length - 1) await page.keyboard.press('ArrowRight');
  }
}

/// Types into a details field by keyboard; Tab commits it.
async function typeField(page, locator, text) {
  await locator.focus();
  await page.keyboard.press('Control+a');
  await page.keyboard.type(text);
  await page.keyboard.press('Tab');
}

async function addEscalation(page, condition, roleInitial) {
  await page.getByRole('button', { name: '+ Escalation' }).focus();
  await page.keyboard.press('Enter');
  const n = await page.getByTestId('escalations').locator('.list-row').count();
  await typeField(page, page.getByLabel(`Escalation ${n} condition`), condition);
  // Focus is now on the role select: type-ahead picks the role.
  await page.keyboard.type(roleInitial);
  await page.keyboard.press('Tab');
}

test('three decisions by keyboard, vocabularies, findings, lookup and role cards', async () => {
  const { context, page } = await openApp(env.browser, env.server.url, '/decisions');
  for (const role of ROLES) await addNamed(page, '+ Role', role);

  await addNamed(page, '+ Decision', 'Approve a refund over the standard limit');
  await page.getByTestId('authority-kind').focus();
  await page.keyboard.type('Depends');
  await typeField(page, page.getByTestId('condition'), 'refunds above 500 EUR');
  await typeField(page, page.getByTestId('threshold-amount'), '500');
  await typeField(page, page.getByTestId('threshold-unit'), 'EUR');
  await addEscalation(page, 'the customer threatens legal action', 'Head');
  await typeRow(page, 0, ['r', 'a', 'c', 'i']);

  await addNamed(page, '+ Decision', 'Change a pricing rule');
  await addEscalation(page, 'the margin falls below 20%', 'Fin');
  await typeRow(page, 1, ['', '', 'r', 'a']);

  await addNamed(page, '+ Decision', 'Hire into an open budgeted role');
  await page.getByTestId('authority-kind').focus();
  await page.keyboard.type('Together');
  await addEscalation(page, 'the salary is above the budget band', 'Fin');
  await typeRow(page, 2, ['', 'r', 'c', 'a']);

  assert.deepEqual(await letters(page), [
    ['R', 'A', 'C', 'I'],
    ['', '', 'R', 'A'],
    ['', 'R', 'C', 'A'],
  ]);
  // The checks follow the table one frame later.
  await page.getByTestId('decision-coverage').filter({ hasText: '3 of 3 decisions' }).waitFor();
  assert.match(await page.getByTestId('decision-coverage').innerText(), /100%[\s\S]*3 of 3 decisions have exactly one decider/);
  assert.equal(await page.getByTestId('decision-findings').locator('li').count(), 0, 'a clean table has no findings');

  // RACI -> RAPID -> RACI: A, R and C come back; I has no RAPID letter.
  await page.getByTestId('vocabulary').selectOption('rapid');
  assert.deepEqual(await letters(page), [
    ['P', 'D', 'I', ''],
    ['', '', 'P', 'D'],
    ['', 'P', 'I', 'D'],
  ]);
  await page.getByText(/Switched to RAPID\. Not converted:/).waitFor();
  await page.getByTestId('vocabulary').selectOption('raci');
  assert.deepEqual(await letters(page), [
    ['R', 'A', 'C', ''],
    ['', '', 'R', 'A'],
    ['', 'R', 'C', 'A'],
  ]);

  // The lookup answers in a sentence.
  await page.getByTestId('lookup-input').fill('refund');
  const sentence = await page.getByTestId('lookup-results').innerText();
  assert.match(sentence, /“Approve a refund over the standard limit” is decided by Support Lead/);
  assert.match(sentence, /escalates to Head of Operations when the customer threatens legal action/);

  // Each finding, triggered once.
  const findings = page.getByTestId('decision-findings');
  const expectFinding = (text) => findings.getByText(text).waitFor({ timeout: 3000 });
  await addNamed(page, '+ Decision', 'Sign a multi-year carrier contract');
  await expectFinding('Nobody decides “Sign a multi-year carrier contract”');
  await expectFinding('Nobody carries out “Sign a multi-year carrier contract”');
  await typeRow(page, 3, ['r', 'a', '', 'a']);
  await expectFinding('“Sign a multi-year carrier contract” has 2 deciders (Support Lead, Head of Operations)');
  await typeRow(page, 3, ['r', 'Delete', '', 'a']);
  await page.getByTestId('significance').focus();
  await page.keyboard.type('Sig');
  await page.getByTestId('reversibility').focus();
  await page.keyboard.type('Irr');
  await expectFinding('“Sign a multi-year carrier contract” is significant and cannot be undone, yet nobody else approves it');
  await addEscalation(page, 'the contract runs longer than three years', 'Head');
  await expectFinding('On “Sign a multi-year carrier contract”, Head of Operations escalates to itself');
  // Head of Operations escalates pricing to Finance; Finance escalating back closes a circle.
  await page.getByRole('button', { name: 'Details of Hire into an open budgeted role' }).click();
  await page.getByLabel('Escalation 1 goes to').focus();
  await page.keyboard.type('Head');
  await page.keyboard.press('Tab');
  await typeRow(page, 2, ['', 'r', 'a', 'c']);
  await expectFinding(/Escalations go round in a circle: .*Head of Operations.*Finance Manager/);

  // Role cards list what each role decides, approves and is escalated to.
  await page.getByRole('link', { name: 'Role cards' }).click();
  const head = page.getByTestId('role-card').filter({ has: page.getByRole('heading', { name: 'Head of Operations', exact: true }) });
  const card = await head.innerText();
  assert.match(card, /Decides alone[\s\S]*Change a pricing rule/);
  assert.match(card, /Is escalated to[\s\S]*Approve a refund over the standard limit[\s\S]*legal action/);
  await context.close();
});

test('the sample decisions show their gaps and the role cards print', async () => {
  const { context, page } = await openApp(env.browser, env.server.url, '/models');
  await page.getByTestId('sample-saas').click();
  // The sample's file is fetched first: going on at once would leave
  // before it opened.
  await page.waitForURL(/\/ownership$/);
  await page.goto('/decisions');
  await waitForApp(page);
  const findings = await page.getByTestId('decision-findings').innerText();
  assert.match(findings, /Nobody decides/);
  assert.match(findings, /deciders/);
  await page.getByTestId('lookup-input').fill('production access');
  assert.match(await page.getByTestId('lookup-results').innerText(), /nobody decides this yet/);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('decisions-csv').click()]);
  assert.match(download.suggestedFilename(), /\.decisions\.csv$/);
  // Role cards print one role per page.
  await page.getByRole('link', { name: 'Role cards' }).click();
  const cards = await page.getByTestId('role-card').count();
  const pdf = (await page.pdf({ format: 'A4' })).toString('latin1');
  assert.equal(pdf.match(/\/Type\s*\/Page[^s]/g).length, cards, 'one page per role');
  await context.close();
});
