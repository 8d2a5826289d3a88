// The team check-up (issue #24): a facilitator starts a check-up, five
// people answer on phones (five browser contexts at 360 px), their links
// come back pasted with a duplicate and a tampered one, and the team's
// numbers shown are the ones computed here by hand; saved, reloaded,
// printed on one page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openApp, waitSaved, storedState, useServerAndBrowser } from './lib/harness.mjs';
import { axe } from './lib/axe.mjs';

const env = useServerAndBrowser();
const PHONE = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true };

/// Starts a check-up on the facilitator's page; returns the invitation link.
async function start(page, { name, askNames = false } = {}) {
  await page.getByTestId('checkup-name').fill(name);
  if (askNames) await page.getByTestId('checkup-ask-names').check();
  await page.getByTestId('checkup-begin').click();
  await page.getByTestId('checkup-title').waitFor();
  return page.getByTestId('invitation-link').inputValue();
}

/// One person on a phone: opens the invitation, gives a name if asked,
/// chooses `option` on every question; returns their response link.
async function answer(invitation, option, name) {
  const context = await env.browser.newContext({ ...PHONE, baseURL: env.server.url });
  const page = await context.newPage();
  await page.goto(invitation);
  await page.getByTestId('checkup-intro').waitFor();
  if (name) {
    await page.getByTestId('participant-name').fill(name);
    await page.getByTestId('start-answering').click();
  }
  for (;;) {
    const question = page.getByTestId('question');
    await question.waitFor();
    await question.locator('label.option').nth(option).click();
    const next = page.getByTestId('next');
    const last = (await next.textContent()).includes('See my result');
    await next.click();
    if (last) break;
  }
  await page.getByTestId('result').waitFor();
  const link = await page.getByTestId('response-link').inputValue();
  assert.ok(await page.getByTestId('response-link-qr').locator('svg').count(), 'the response has a QR code');
  return { page, link };
}

/// A number as the team picture shows it: one decimal, none when whole.
const shown = (v) => v.toFixed(1).replace(/\.0$/, '');

/// The population deviation, as the app computes it.
function spread(values) {
  const n = values.length;
  const mean = values.reduce((a, b) => a + b, 0) / n;
  const sd = Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / n);
  return { n, mean, min: Math.min(...values), max: Math.max(...values), sd };
}

test('five phones answer; pasted back with a duplicate and a tampered link, the numbers are the hand-computed ones; saved, reloaded, printed on one page', async () => {
  const { page } = await openApp(env.browser, env.server.url, '/checkup');
  const invitation = await start(page, { name: 'Leadership offsite', askNames: true });
  assert.match(invitation, /\/join#checkup=1\./);
  const qr = page.getByTestId('invitation-link-qr').locator('svg');
  assert.equal(await qr.getAttribute('aria-label'), 'QR code of the invitation link');

  // Each person chooses one option on every question: their score on
  // every dimension is that option's points (0, 33.3, 66.7, 100).
  const people = [['Ana', 0], ['Ben', 1], ['Chloé', 1], ['Dev', 2], ['Eli', 3]];
  const links = [];
  for (const [name, option] of people) {
    const { page: phone, link } = await answer(invitation, option, name);
    // The phone's own result is shown above the way back.
    assert.match(await phone.getByTestId('send-back').textContent(), /Leadership offsite/);
    // The quiz fits the phone's width.
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `the phone page scrolls sideways by ${overflow} px`);
    links.push(link);
  }
  assert.equal(new Set(links).size, 5);

  // Pasted as from a chat: words around the links, a duplicate, and one
  // changed on its way (a digit of its answers).
  const tampered = links[0].replace(/(response=1\.[^.]+\.[^.]+\.)(.)/, (_, a, c) => a + (c === '0' ? '1' : '0'));
  assert.notEqual(tampered, links[0]);
  const pasted = [
    `Ana: here you go ${links[0]}`,
    `<${links[1]}>`,
    `"${links[2]}"`,
    `${links[3]}.`,
    `Eli said: ${links[4]} (sorry for the delay)`,
    'and a line with nothing in it',
    `again: ${links[1]}`,
    tampered,
  ].join('\n');
  await page.getByTestId('paste-responses').fill(pasted);
  await page.getByTestId('response-count').filter({ hasText: '5 responses counted' }).waitFor();
  assert.deepEqual(await page.getByTestId('paste-problems').locator('li').allTextContents(), [
    'Line 7: already counted, so counted once.',
    'Line 8: not counted: it was changed or cut on its way (its checksum does not match).',
  ]);
  assert.equal(await page.getByTestId('paste-new').textContent(), 'In the box: 5 new responses.');

  // The numbers, against a hand computation.
  const scores = people.map(([, option]) => (option * 100) / 3);
  const s = spread(scores);
  const table = page.getByTestId('chart-team');
  await table.locator('summary').click();
  await page.getByTestId('table-team').locator('tbody tr').nth(7).waitFor();
  const rows = await page.getByTestId('table-team').locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent)));
  const answered = rows.filter((r) => r[1] !== '0');
  assert.ok(answered.length >= 4, 'the quick quiz covers most dimensions');
  for (const row of answered) {
    assert.deepEqual(row.slice(1), [String(s.n), shown(s.mean), shown(s.min), shown(s.max), shown(s.sd), 'Yes'], row[0]);
  }
  // Every answered dimension is divided (deviation 34.0 > 25): all on the agenda.
  assert.equal(await page.getByTestId('agenda').locator('li').count(), answered.length);
  // The chart: a dot per person per dimension, and each mean marked.
  const svg = page.getByTestId('chart-team').locator('svg');
  const dots = await svg.locator('path.dots').evaluateAll((ps) => ps.map((p) => p.dataset.values.split(' ').map(Number)));
  assert.equal(dots.length, answered.length);
  for (const values of dots) assert.deepEqual(values.map((v) => v.toFixed(1)), scores.map((v) => v.toFixed(1)));
  assert.equal(await svg.locator('line.mean').count(), answered.length);
  // Placements add up to the people.
  const placed = await page.getByTestId('placements').locator('strong').allTextContents();
  assert.equal(placed.map(Number).reduce((a, b) => a + b, 0), 5);
  assert.equal(await page.getByTestId('not-reliable').count(), 0);
  // The questions, built when opened, sorted by disagreement.
  await page.getByTestId('questions-fold').locator('summary').click();
  await page.getByTestId('sort-divided').click();
  const first = page.getByTestId('team-questions').locator('tbody tr').first();
  assert.deepEqual(await first.locator('.counts strong').allTextContents(), ['1', '2', '1', '1']);

  // Saved to the model, then reloaded: the check-up is still under way here
  // and saved in the model with everyone's answers and names.
  await page.getByTestId('save-checkup').click();
  await page.getByText('The check-up is saved to').waitFor();
  await waitSaved(page);
  await page.reload();
  await page.getByTestId('response-count').filter({ hasText: '5 responses counted' }).waitFor();
  const stored = await storedState(page);
  const model = JSON.parse(stored[`opmodel.model.${stored['opmodel.last']}`]);
  assert.equal(model.schemaVersion, 5);
  const saved = model.model.assessments.find((a) => a.team);
  assert.deepEqual(saved.team.responses.map((r) => r.name), people.map(([name]) => name));
  assert.equal(saved.team.name, 'Leadership offsite');
  assert.deepEqual(saved.answers, {});
  assert.equal(saved.overall.toFixed(1), s.mean.toFixed(1));

  // The team report prints on one page.
  await page.emulateMedia({ media: 'print' });
  const pdf = (await page.pdf({ format: 'A4' })).toString('latin1');
  const pages = pdf.match(/\/Type\s*\/Page[^s]/g) ?? [];
  assert.equal(pages.length, 1, 'the team report is one page');
  await page.emulateMedia({ media: 'screen' });

  // The Progress page draws the team over time, with its band.
  await page.goto('/progress');
  const over = page.getByTestId('chart-team-over-time');
  await over.waitFor();
  assert.equal(await over.locator('svg g.band').count(), 1);
});

test('a response opened on the facilitator\'s browser counts; another check-up\'s is refused; a file of links; fewer than three is not reliable; axe', async () => {
  const { page } = await openApp(env.browser, env.server.url, '/checkup');
  const invitation = await start(page, { name: 'Ops team' });
  // Another check-up's response, made in another browser.
  const other = await openApp(env.browser, env.server.url, '/checkup');
  const otherInvitation = await start(other.page, { name: 'Someone else' });
  const { link: foreign } = await answer(otherInvitation, 2);

  const { link: one } = await answer(invitation, 1);
  const { page: second, link: two } = await answer(invitation, 3);
  // A phone that reloads keeps its answers: at the result again, the same link.
  await second.reload();
  await second.getByTestId('result').waitFor();
  assert.equal(await second.getByTestId('response-link').inputValue(), two);
  // The first link opened in the facilitator's browser (tapped in a chat:
  // a new tab), and the check-up's own tab follows.
  const tab = await page.context().newPage();
  await tab.goto(one);
  await tab.getByText('A response counted: 1 response so far.').waitFor();
  assert.equal(new URL(tab.url()).hash, '', 'the link leaves the address, so a reload does not count it again');
  await tab.close();
  await page.getByTestId('response-count').filter({ hasText: '1 response counted' }).waitFor();
  await page.getByTestId('not-reliable').waitFor();
  assert.match(await page.getByTestId('not-reliable').textContent(), /not yet reliable/);

  // A file holding the other link and the foreign one.
  await page.getByTestId('response-files').setInputFiles({ name: 'chat.txt', mimeType: 'text/plain', buffer: Buffer.from(`${two}\n${foreign}\n${one}\n`) });
  const report = page.getByTestId('file-report');
  await report.waitFor();
  assert.deepEqual(await report.locator('li').allTextContents(), [
    '“chat.txt”: 1 response counted.',
    '“chat.txt”, line 2: not counted: it answers another check-up.',
    '“chat.txt”, line 3: already counted, so counted once.',
  ]);
  await page.getByTestId('response-count').filter({ hasText: '2 responses counted' }).waitFor();
  // The second person changes an answer and sends the link again: it takes
  // the place of their earlier answers, the count stays.
  await second.getByRole('button', { name: 'Change my answers' }).click();
  await second.getByTestId('question').locator('label.option').nth(0).click();
  for (;;) {
    const next = second.getByTestId('next');
    const last = (await next.textContent()).includes('See my result');
    await next.click();
    if (last) break;
  }
  const changed = await second.getByTestId('response-link').inputValue();
  assert.notEqual(changed, two);
  await page.getByTestId('paste-responses').fill(`new answers: ${changed}`);
  await page.getByTestId('paste-problems').filter({ hasText: 'Line 1: changed answers from someone already counted: they replace the earlier ones.' }).waitFor();
  assert.equal(await page.getByTestId('paste-new').textContent(), 'In the box: 0 new responses.');
  await page.getByTestId('response-count').filter({ hasText: '2 responses counted' }).waitFor();
  await page.getByTestId('keep-pasted').click();
  assert.equal(await page.getByTestId('paste-responses').inputValue(), '');
  // One taken out, then the count follows.
  await page.locator('.responses-list summary').click();
  await page.getByRole('button', { name: 'Take out Response 2' }).click();
  await page.getByTestId('response-count').filter({ hasText: '1 response counted' }).waitFor();

  for (const scheme of ['light', 'dark']) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const width of [1280, 360]) {
      await page.setViewportSize({ width, height: 900 });
      await page.evaluate(() => window.scrollTo(0, 0));
      assert.deepEqual(await axe(page), [], `/checkup at ${width} px, ${scheme}`);
    }
  }
  // The invitation at a phone's size, and a broken one.
  const phone = await env.browser.newContext({ ...PHONE, baseURL: env.server.url });
  const p = await phone.newPage();
  await p.goto(invitation);
  await p.getByTestId('question').waitFor();
  assert.deepEqual(await axe(p), [], '/join at 360 px');
  await p.goto(invitation.slice(0, -3));
  await p.reload();
  await p.getByTestId('join-error').waitFor();
  assert.match(await p.getByTestId('join-error').textContent(), /changed or cut on its way/);

  // Ending the check-up asks first; Escape keeps it.
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.getByTestId('end-checkup').click();
  await page.keyboard.press('Escape');
  await page.getByTestId('confirm-end').waitFor({ state: 'detached' });
  await page.getByTestId('end-checkup').click();
  await page.getByTestId('confirm-end-yes').click();
  await page.getByTestId('checkup-start').waitFor();
  assert.equal((await storedState(page))['opmodel.checkup.running'], undefined);
});
