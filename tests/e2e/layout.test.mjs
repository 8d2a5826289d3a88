// The layout a phone and a projector need: on a 360 px screen the pages
// fold into a menu and the quiz's first question shows whole on the first
// screen; after a move to another page the focus is on its heading.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openApp, useServerAndBrowser } from './lib/harness.mjs';
import { axe } from './lib/axe.mjs';

const env = useServerAndBrowser();

const PHONE = { viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true };

/// Whether the whole box of `locator` is inside the viewport.
const inView = (locator) =>
  locator.evaluate((el) => {
    const r = el.getBoundingClientRect();
    return r.top >= 0 && r.left >= 0 && r.bottom <= innerHeight && r.right <= innerWidth;
  });

test('360 x 740 phone: question 1 and its four options on the first screen, the pages behind a menu button', async () => {
  const context = await env.browser.newContext({ baseURL: env.server.url, ...PHONE });
  const page = await context.newPage();
  await page.goto('/quiz');
  await page.waitForSelector('main:not(#prerendered main) [data-testid="question"]', { timeout: 20_000 });
  const question = page.getByTestId('question');
  assert.ok(await inView(question.locator('legend, h2, h1').first()), 'the question text');
  const options = question.locator('label');
  assert.equal(await options.count(), 4);
  for (let i = 0; i < 4; i++) assert.ok(await inView(options.nth(i)), `option ${i + 1} without scrolling`);
  // No keyboard hint on a touch screen.
  assert.equal(await page.locator('.quiz-hint').isVisible(), false);
  // The pages are folded away, and the menu button shows them.
  const nav = page.getByRole('navigation', { name: 'Pages' });
  assert.equal(await nav.isVisible(), false);
  const button = page.getByTestId('menu-button');
  assert.equal(await button.getAttribute('aria-expanded'), 'false');
  for (const box of await page.locator('.menu-button, .app-header nav a').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().height))) {
    assert.ok(box === 0 || box >= 44, `touch target ${box} px`);
  }
  await button.click();
  assert.equal(await button.getAttribute('aria-expanded'), 'true');
  await nav.waitFor();
  for (const scheme of ['light', 'dark']) {
    await page.emulateMedia({ colorScheme: scheme });
    assert.deepEqual(await axe(page), [], `menu open, ${scheme}`);
  }
  // Escape folds it again and gives the focus back to the button.
  await nav.getByRole('link', { name: 'Ownership' }).focus();
  await page.keyboard.press('Escape');
  assert.equal(await nav.isVisible(), false);
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'menu-button');
  // Following a link folds it, and the new page's heading has the focus.
  await button.click();
  await nav.getByRole('link', { name: 'Decisions' }).click();
  await page.waitForURL(/\/decisions$/);
  await page.waitForFunction(() => document.activeElement?.tagName === 'H1');
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Decision rights');
  assert.equal(await nav.isVisible(), false);
  assert.equal(await button.getAttribute('aria-expanded'), 'false');
  await context.close();
});

test('a wide screen shows the pages in the header, no menu button, and the keyboard hint', async () => {
  const { context, page } = await openApp(env.browser, env.server.url, '/quiz');
  await page.waitForSelector('main:not(#prerendered main) [data-testid="question"]', { timeout: 20_000 });
  assert.equal(await page.getByTestId('menu-button').isVisible(), false);
  assert.equal(await page.getByRole('navigation', { name: 'Pages' }).isVisible(), true);
  assert.equal(await page.locator('.quiz-hint').isVisible(), true);
  // A move by the header's links: the focus goes to the new heading.
  await page.getByRole('link', { name: 'Workflows', exact: true }).click();
  await page.waitForFunction(() => document.activeElement?.tagName === 'H1');
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Workflows');
  await page.getByRole('link', { name: 'Ownership', exact: true }).focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement?.tagName === 'H1' && document.activeElement.textContent === 'Ownership matrix');
  await context.close();
});
