// WCAG 2.2 AA: axe-core on every page, empty and with a sample model, in the
// light and the dark theme, at 1280 and at 360 px.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openApp, waitForApp, waitSaved, storedState, useServerAndBrowser } from './lib/harness.mjs';
import { axe } from './lib/axe.mjs';

const PAGES = ['/', '/quiz', '/ownership', '/decisions', '/decisions/cards', '/workflows', '/map', '/governance', '/progress', '/models', '/embed', '/no-such-page'];

const env = useServerAndBrowser();

// The samples: the agency's everywhere; the SaaS sample's at 360 px too (its
// governance page once failed "scrollable region must have keyboard
// access" there: its control test's table scrolls sideways).
for (const width of [1280, 360]) for (const scheme of ['light', 'dark']) {
  for (const sample of width === 360 ? [null, 'agency', 'saas'] : [null, 'agency']) {
    test(`no axe violations on any page (${width} px, ${scheme}, ${sample ? `${sample} sample` : 'empty model'})`, async () => {
      const { context, page } = await openApp(env.browser, env.server.url, '/models');
      await page.setViewportSize({ width, height: width === 360 ? 740 : 800 });
      await page.emulateMedia({ colorScheme: scheme });
      if (sample) {
        await page.getByTestId(`sample-${sample}`).click();
        await page.waitForURL(/ownership/);
      }
      const problems = {};
      for (const path of PAGES) {
        await page.goto(path);
        // The app's own <main>, not the one of a prerendered page (/quiz).
        await page.waitForSelector('main:not(#prerendered main)', { timeout: 20_000 });
        await page.waitForTimeout(50);
        const violations = await axe(page);
        if (violations.length) problems[path] = violations;
      }
      assert.deepEqual(problems, {}, JSON.stringify(problems, null, 1));
      await context.close();
    });
  }
}

test('the Workflows page at 360 px, light and dark, with a sample: no axe violations, the swimlane scrolls sideways', async () => {
  const { context, page } = await openApp(env.browser, env.server.url, '/models');
  await page.setViewportSize({ width: 360, height: 740 });
  await page.getByTestId('sample-ecommerce').click();
  await page.waitForURL(/ownership/);
  await page.goto('/workflows');
  await page.getByTestId('workflow-editor').waitFor();
  // Every stage's lists of systems and data open, as someone filling them in.
  for (const d of await page.locator('details').all()) await d.evaluate((el) => (el.open = true));
  for (const scheme of ['light', 'dark']) {
    await page.emulateMedia({ colorScheme: scheme });
    assert.deepEqual(await axe(page), [], `/workflows at 360 px, ${scheme}`);
  }
  // The page itself does not scroll sideways; the drawing does, in its box.
  assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), 360);
  const box = await page.locator('.swimlane .chart-svg').evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth, overflow: getComputedStyle(el).overflowX }));
  assert.ok(box.scroll > box.client && box.overflow === 'auto', JSON.stringify(box));
  await context.close();
});

test('the theme picker pins dark or light over the system setting and remembers it', async () => {
  const { context, page } = await openApp(env.browser, env.server.url, '/models');
  await page.getByTestId('sample-agency').click();
  await page.waitForURL(/ownership/);
  const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  for (const system of ['light', 'dark']) {
    await page.emulateMedia({ colorScheme: system });
    await page.getByTestId('theme').selectOption('system');
    assert.equal(await background(), system === 'light' ? 'rgb(247, 248, 250)' : 'rgb(18, 22, 28)');
    const pinned = system === 'light' ? 'dark' : 'light';
    await page.getByLabel('Theme').selectOption(pinned);
    assert.equal(await background(), pinned === 'light' ? 'rgb(247, 248, 250)' : 'rgb(18, 22, 28)');
    // Kept across a reload, and set before the app runs (no flash).
    await page.reload();
    await waitForApp(page);
    assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), pinned);
    assert.equal(await page.getByTestId('theme').inputValue(), pinned);
    assert.equal(await background(), pinned === 'light' ? 'rgb(247, 248, 250)' : 'rgb(18, 22, 28)');
    // The pinned theme passes the same checks (contrast above all).
    for (const path of ['/ownership', '/progress', '/decisions']) {
      await page.goto(path);
      await waitForApp(page);
      assert.deepEqual(await axe(page), [], `${path} in pinned ${pinned}`);
    }
  }
  await page.getByTestId('theme').selectOption('system');
  assert.equal(await page.evaluate(() => localStorage.getItem('opmodel.theme')), null);
  await context.close();
});

/// A visit that opened a sample model: on its Ownership page.
async function openSample() {
  const { context, page } = await openApp(env.browser, env.server.url, '/models');
  await page.getByTestId('sample-agency').click();
  await page.waitForURL(/ownership/);
  await waitForApp(page);
  return { context, page };
}

/// What a screen reader would name the focused element: its label, or text.
function labelOfFocus(page) {
  return page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.textContent.trim());
}

test('a delete button pressed by keyboard passes the focus to the same button of the next item, and of the last item to the add button', async () => {
  const { context, page } = await openSample();
  const focusedLabel = () => labelOfFocus(page);
  // Deletes the first `label` button by keyboard; returns where the focus went.
  const deleteFirst = async (label) => {
    const button = page.getByRole('button', { name: label }).first();
    const was = await button.getAttribute('aria-label');
    await button.focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction((w) => ![...document.querySelectorAll('button')].some((b) => b.getAttribute('aria-label') === w), was);
    await page.waitForFunction(() => document.activeElement && document.activeElement !== document.body);
    return [was, await focusedLabel()];
  };
  const names = (label) => page.getByRole('button', { name: label }).evaluateAll((bs) => bs.map((b) => b.getAttribute('aria-label')));

  for (const [path, label] of [['/ownership', /^Delete element /], ['/ownership', /^Delete role /], ['/decisions', /^Delete decision /]]) {
    await page.goto(path);
    await waitForApp(page);
    const [first, second] = await names(label);
    assert.deepEqual(await deleteFirst(label), [first, second], `${path}: on to the next one's delete button`);
  }

  // The last element of a kind: the next row is the next kind's heading,
  // which has no button, so the focus goes on to the first element under it.
  await page.goto('/ownership');
  await waitForApp(page);
  await page.getByLabel('Group by kind').check();
  const [last, next] = await page.evaluate(() => {
    const heading = [...document.querySelectorAll('.grid-body .group-row')][1];
    const label = (row) => row.querySelector('button[aria-label^="Delete element "]').getAttribute('aria-label');
    return [label(heading.previousElementSibling), label(heading.nextElementSibling)];
  });
  await page.getByRole('button', { name: last, exact: true }).focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction((w) => ![...document.querySelectorAll('button')].some((b) => b.getAttribute('aria-label') === w), last);
  assert.equal(await focusedLabel(), next, 'past the next kind\'s heading');

  await page.goto('/governance');
  await waitForApp(page);
  const reviews = await names(/^Delete review /);
  assert.ok(reviews.length >= 2, 'the sample has reviews');
  for (let i = 0; i < reviews.length - 1; i++) {
    assert.deepEqual(await deleteFirst(/^Delete review /), [reviews[i], reviews[i + 1]]);
  }
  assert.deepEqual(await deleteFirst(/^Delete review /), [reviews.at(-1), '+ Review'], 'none left: the add button');
  await context.close();
});

test('a button that becomes unavailable when pressed keeps the focus: Undo, Redo, Save to my model', async () => {
  const { context, page } = await openSample();
  const focused = () => page.evaluate(() => [document.activeElement?.textContent.trim(), document.activeElement?.getAttribute('aria-disabled')]);
  const rows = () => page.getByRole('button', { name: /^Delete element / }).count();
  const before = await rows();
  await page.getByRole('button', { name: /^Delete element / }).first().click();
  await page.waitForFunction((n) => document.querySelectorAll('button[aria-label^="Delete element "]').length === n - 1, before);

  // Undoing the only change: Undo keeps the focus, announced as unavailable;
  // pressed again, it does nothing.
  await page.getByRole('button', { name: 'Undo', exact: true }).focus();
  assert.deepEqual(await focused(), ['Undo', null]);
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement?.getAttribute('aria-disabled') === 'true');
  assert.deepEqual(await focused(), ['Undo', 'true']);
  assert.equal(await rows(), before);
  await page.keyboard.press('Enter');
  assert.equal(await rows(), before);
  // On to Redo, the same.
  await page.keyboard.press('Tab');
  assert.deepEqual(await focused(), ['Redo', null]);
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement?.getAttribute('aria-disabled') === 'true');
  assert.deepEqual(await focused(), ['Redo', 'true']);
  assert.equal(await rows(), before - 1);

  // The quiz's result, saved by keyboard in the workshop app's own quiz
  // page: the button says so and keeps the focus; pressed again, it saves
  // nothing more.
  await page.goto('/');
  await waitForApp(page);
  await page.getByRole('link', { name: 'Take the two-minute quiz' }).click();
  await page.waitForSelector('[data-testid="question"]');
  const assessments = async () => {
    const state = await storedState(page);
    return JSON.parse(state[`opmodel.model.${state['opmodel.last']}`]).model.assessments.length;
  };
  await waitSaved(page);
  const saved = await assessments();
  for (let i = 0; i < 40 && !(await page.getByTestId('save-result').count()); i++) {
    await page.keyboard.press('2');
    await page.keyboard.press('Enter');
  }
  await page.getByTestId('save-result').focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement?.getAttribute('aria-disabled') === 'true');
  assert.deepEqual(await focused(), ['Saved to my model', 'true']);
  await page.keyboard.press('Enter');
  await waitSaved(page);
  assert.equal(await assessments(), saved + 1);
  assert.deepEqual(await axe(page), []);
  await context.close();
});

test('a control that hides itself passes the focus on: Present and Exit presentation, a model\'s Open', async () => {
  const { context, page } = await openSample();
  const focused = () => labelOfFocus(page);
  const present = page.getByRole('button', { name: 'Present', exact: true });
  const exit = page.getByRole('button', { name: 'Exit presentation (Esc)' });
  // Out by the exit button (Enter), then by Escape: back to Present.
  await present.focus();
  for (const leave of ['Enter', 'Escape']) {
    await page.keyboard.press('Enter');
    await exit.waitFor();
    assert.equal(await focused(), 'Exit presentation (Esc)');
    await page.keyboard.press(leave);
    await present.waitFor();
    await page.waitForFunction(() => document.activeElement !== document.body);
    assert.equal(await focused(), 'Present', `left by ${leave}`);
  }
  // Escape pressed in a cell: the focus stays there.
  await page.keyboard.press('Enter');
  await exit.waitFor();
  const cell = page.locator('.grid-body [role="gridcell"]').first();
  await cell.focus();
  const label = await focused();
  await page.keyboard.press('Escape');
  await present.waitFor();
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  assert.equal(await focused(), label, 'a cell keeps the focus');

  // Opening another model from the Models page: its Open button goes, and
  // the focus moves on to its Duplicate.
  await page.goto('/models');
  await waitForApp(page);
  await page.getByTestId('new-model').click();
  await waitSaved(page);
  const rows = page.getByTestId('model-row');
  const at = (await rows.evaluateAll((els) => els.map((el) => el.textContent.includes('Open now')))).indexOf(false);
  const row = rows.nth(at);
  await row.getByRole('button', { name: /^Open / }).focus();
  await page.keyboard.press('Enter');
  await row.getByText('Open now').waitFor();
  await page.waitForFunction(() => document.activeElement !== document.body);
  assert.equal(await focused(), 'Duplicate');
  assert.ok(await row.getByRole('button', { name: 'Duplicate' }).evaluate((b) => b === document.activeElement));
  await context.close();
});
