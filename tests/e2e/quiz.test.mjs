// The quick quiz as a visitor on a phone takes it, its result, and shared links.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openApp, waitForApp, waitSaved, useServerAndBrowser } from './lib/harness.mjs';

const env = useServerAndBrowser();

// Option numbers (1-4) for the 12 questions: tools and workflows in place,
// automation absent, governance in place.
const ANSWERS = [3, 3, 3, 3, 1, 1, 3, 3, 3, 3, 3, 3];

async function expectKnownResult(page) {
  await page.getByTestId('result').waitFor();
  assert.equal(await page.getByTestId('overall').innerText(), '58 / 100');
  assert.equal(await page.getByTestId('stage').innerText(), 'Stage 2: Workflow definition');
  const levers = await page.getByTestId('levers').innerText();
  assert.match(levers, /^Let systems carry out the steps you have defined/);
  assert.match(levers, /this is compliance drift/);
  assert.match(await page.getByTestId('warnings').innerText(), /Governance without leverage/);
}

test('the quick quiz taken by tapping, on a phone, gives the expected score and levers', async () => {
  const context = await env.browser.newContext({ viewport: { width: 360, height: 740 }, baseURL: env.server.url, hasTouch: true, isMobile: true });
  const page = await context.newPage();
  await page.goto('/');
  await waitForApp(page);
  await page.getByRole('link', { name: 'Take the two-minute quiz' }).click();
  for (let i = 0; i < 12; i++) {
    assert.match(await page.locator('.quiz-count').innerText(), new RegExp(`^Question ${i + 1} of 12`));
    const options = page.getByTestId('question').locator('label.option');
    assert.equal(await options.count(), 4);
    await options.nth(ANSWERS[i] - 1).tap();
    if (i === 1) {
      // Back keeps the answer given.
      await page.getByRole('button', { name: 'Back' }).tap();
      assert.ok(await page.getByTestId('question').locator('input').nth(ANSWERS[0] - 1).isChecked());
      await page.getByTestId('next').tap();
    }
    await page.getByTestId('next').tap();
  }
  await expectKnownResult(page);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 360, `no horizontal scroll at 360 px (content is ${width} px wide)`);

  const link = await page.getByTestId('share-link').inputValue();
  assert.match(link, /\/result#1q[0-9-]{12}[A-Za-z0-9_-]{3}$/);

  // The shared link, opened in a fresh browser, shows the same result, read only.
  const other = await env.browser.newContext();
  const shared = await other.newPage();
  await shared.goto(link);
  await waitForApp(shared);
  await expectKnownResult(shared);
  await shared.getByText('This is a result someone shared with you').waitFor();
  assert.equal(await shared.getByTestId('save-result').count(), 0, 'no saving from a shared link');
  await shared.getByRole('button', { name: 'Take it yourself' }).click();
  await shared.waitForURL(/\/quiz$/);
  await other.close();

  // Saving stores the assessment in the model.
  await page.getByTestId('save-result').tap();
  await page.getByText('Saved to my model').waitFor();
  const stored = await page.evaluate(() => {
    const id = localStorage.getItem('opmodel.last');
    return JSON.parse(localStorage.getItem(`opmodel.model.${id}`) ?? '{}');
  });
  // The save is written after the autosave delay.
  await page.waitForFunction(() => {
    const id = localStorage.getItem('opmodel.last');
    return JSON.parse(localStorage.getItem(`opmodel.model.${id}`)).model.assessments.length === 1;
  });
  assert.ok(stored);
  await context.close();
});

/// The quiz app (/quiz, /embed) has no model, so no save state to wait for.
const QUIZ_APP = '[data-testid="question"]:not(#prerendered *)';

test('the quiz can be answered with the keyboard alone', async () => {
  const { context, page } = await openApp(env.browser, env.server.url, '/quiz', { waitFor: QUIZ_APP });
  for (const n of ANSWERS) {
    await page.keyboard.press(String(n));
    await page.keyboard.press('Enter');
  }
  await expectKnownResult(page);
  // The browser's print gives a one-page report.
  const pdf = (await page.pdf({ format: 'A4' })).toString('latin1');
  assert.equal(pdf.match(/\/Type\s*\/Page[^s]/g).length, 1, 'one printed page');
  await page.getByRole('button', { name: 'Retake the quiz' }).click();
  assert.match(await page.locator('.quiz-count').innerText(), /^Question 1 of 12/);
  await context.close();
});

test('a truncated or tampered share link shows a clear message, not a crash', async () => {
  const { context, page } = await openApp(env.browser, env.server.url, '/quiz', { waitFor: QUIZ_APP });
  for (const n of ANSWERS) {
    await page.keyboard.press(String(n));
    await page.keyboard.press('Enter');
  }
  const link = await page.getByTestId('share-link').inputValue();
  const code = link.split('#')[1];
  const cases = [
    [code.slice(0, 9), /cut off|incomplete/i],
    [code.slice(0, -1) + (code.endsWith('A') ? 'B' : 'A'), /changed or damaged/],
    ['hello-world', /not an OpModel quiz link/],
    ['', /no quiz answers/],
  ];
  for (const [fragment, message] of cases) {
    await page.goto(`/result#${fragment}`);
    await waitForApp(page);
    const error = page.getByTestId('share-error');
    await error.waitFor();
    assert.match(await error.innerText(), message, `fragment ${JSON.stringify(fragment)}`);
    await error.getByRole('link', { name: 'Take the quiz' }).waitFor();
  }
  await context.close();
});

test('the embed mode shows only the quiz, with a link to the full app', async () => {
  // Embed mode has no header: wait for the app's own quiz page (the build's
  // prerendered embed.html has the same one, inside #prerendered, until the
  // app takes over).
  const { context, page } = await openApp(env.browser, env.server.url, '/embed', { waitFor: '.embed-page:not(#prerendered *)' });
  assert.equal(await page.locator('#prerendered').count(), 0, 'the app has taken over');
  assert.equal(await page.locator('.app-header').count(), 0, 'no app navigation');
  assert.equal(await page.getByRole('link', { name: 'Open the full app' }).getAttribute('target'), '_blank');
  for (const n of ANSWERS) {
    await page.keyboard.press(String(n));
    await page.keyboard.press('Enter');
  }
  await expectKnownResult(page);
  assert.equal(await page.getByTestId('save-result').count(), 0);
  await context.close();
});

test('the full assessment can be left and resumed', async () => {
  const { context, page } = await openApp(env.browser, env.server.url, '/quiz/full');
  assert.match(await page.locator('.quiz-count').innerText(), /^Question 1 of 40/);
  for (let i = 0; i < 7; i++) {
    await page.keyboard.press('2');
    await page.keyboard.press('Enter');
  }
  await page.waitForFunction(() => document.querySelector('[data-testid="save-state"]').textContent.trim() === 'Saved');
  await page.reload();
  await waitForApp(page);
  await page.getByText('you had answered 7 of 40 questions').waitFor();
  assert.match(await page.locator('.quiz-count').innerText(), /^Question 8 of 40/);
  await context.close();
});

test('a visitor landing on /quiz gets the quiz app alone (no byte of the workshop app), and "Save to my model" hands the result to the workshop app', async () => {
  const context = await env.browser.newContext({ baseURL: env.server.url, viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  const asked = [];
  page.on('request', (r) => asked.push(new URL(r.url()).pathname));
  await page.goto('/quiz');
  await page.waitForSelector(QUIZ_APP);
  for (const n of ANSWERS) {
    await page.getByTestId('question').locator('label.option').nth(n - 1).tap();
    await page.getByTestId('next').tap();
  }
  await expectKnownResult(page);
  // Only the quiz app's files: its page, its loader and its wasm.
  const scripts = asked.filter((p) => /\.(js|wasm)$/.test(p));
  assert.ok(scripts.length >= 2, asked.join(' '));
  assert.deepEqual(scripts.filter((p) => !/^\/opmodel-quiz-[0-9a-f]+(_bg\.wasm|\.js)$/.test(p)), [], 'no workshop file');
  assert.equal(await page.locator('[data-testid="save-state"]').count(), 0, 'no model here');
  assert.deepEqual(await page.evaluate(() => Object.keys(localStorage)), [], 'the quiz app keeps nothing');

  // Saving goes to the workshop app, which stores the result in its model;
  // the header's way to the app now carries the result too.
  const save = page.getByTestId('save-result');
  assert.match(await save.getAttribute('href'), /^\/quiz\/save#1q[0-9-]{12}[A-Za-z0-9_-]{3}\.[0-9a-z]{6,13}$/);
  const open = page.getByTestId('open-app');
  assert.equal(await open.innerText(), 'Open with my result');
  assert.equal(await open.getAttribute('href'), await save.getAttribute('href'));
  await save.tap();
  await page.waitForURL(/\/quiz\/save#/);
  await waitForApp(page);
  await expectKnownResult(page);
  await page.getByText('Saved to my model').waitFor();
  await page.getByText(/Result saved to “.+”\. The Progress page charts it\./).waitFor();
  await waitSaved(page);
  const stored = () => page.evaluate(() => {
    const id = localStorage.getItem('opmodel.last');
    const model = JSON.parse(localStorage.getItem(`opmodel.model.${id}`) ?? '{"model":{"assessments":[]}}').model;
    return model.assessments.map((a) => [a.kind, Object.keys(a.answers).length, a.id.startsWith('handover-')]);
  });
  assert.deepEqual(await stored(), [['quick', 12, true]]);
  const handover = page.url();
  // Opened again (a reload), it is not saved twice.
  await page.reload();
  await waitForApp(page);
  await page.getByText('This result is already saved in your model.').waitFor();
  await page.getByText('Saved to my model').waitFor();
  await waitSaved(page);
  assert.deepEqual(await stored(), [['quick', 12, true]]);
  // Nor after something else was saved since (a full assessment begun).
  await page.goto('/quiz/full');
  await page.getByTestId('question').locator('label.option').first().tap();
  await waitSaved(page);
  await page.goto(handover);
  await waitForApp(page);
  await page.getByText('This result is already saved in your model.').waitFor();
  await waitSaved(page);
  assert.deepEqual(await stored(), [['quick', 12, true], ['full', 1, false]]);
  // A link changed on its way saves nothing and says why.
  const code = new URL(handover).hash.slice(1);
  await page.goto(`/quiz/save#${code.replace(/^(.{16})./, (_, head) => head + (code[16] === 'A' ? 'B' : 'A'))}`);
  await waitForApp(page);
  assert.match(await page.getByTestId('share-error').innerText(), /changed or damaged/);
  await waitSaved(page);
  assert.equal((await stored()).length, 2);
  await context.close();
});

test('the embedded quiz offers to save its result in OpModel, in a tab of its own', async () => {
  const { context, page } = await openApp(env.browser, env.server.url, '/embed', { waitFor: '.embed-page:not(#prerendered *)' });
  for (const n of ANSWERS) {
    await page.keyboard.press(String(n));
    await page.keyboard.press('Enter');
  }
  await expectKnownResult(page);
  const save = page.getByRole('link', { name: 'Save it in OpModel' });
  assert.equal(await save.getAttribute('target'), '_blank');
  const open = page.getByRole('link', { name: 'Open the full app with this result' });
  assert.equal(await open.getAttribute('href'), await save.getAttribute('href'));
  assert.equal(await open.getAttribute('target'), '_blank');
  const [tab] = await Promise.all([context.waitForEvent('page'), save.click()]);
  await waitForApp(tab);
  await tab.getByText('Saved to my model').waitFor();
  await expectKnownResult(tab);
  await context.close();
});
