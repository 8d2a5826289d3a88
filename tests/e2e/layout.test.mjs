// The layout a phone and a projector need: on a 360 px screen the pages
// fold into a menu and the quiz's first question shows whole on the first
// screen; after a move to another page the focus is on its heading.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openApp, waitForApp, useServerAndBrowser } from './lib/harness.mjs';
import { axe } from './lib/axe.mjs';

const env = useServerAndBrowser();

const PHONE = { viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true };

/// Whether the whole box of `locator` is inside the viewport.
const inView = (locator) =>
  locator.evaluate((el) => {
    const r = el.getBoundingClientRect();
    return r.top >= 0 && r.left >= 0 && r.bottom <= innerHeight && r.right <= innerWidth;
  });

test('360 x 740 phone: question 1 and its four options on the first screen of the quiz app, the workshop\'s pages behind a menu button', async () => {
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
  // Every control of the header and the question is a 44 px touch target
  // (a radio counts by its label, the whole option).
  const small = () => page.evaluate(() =>
    [...document.querySelectorAll('.app-header :is(a, button, select), [data-testid=question] label, .quiz-nav button')]
      .filter((e) => e.checkVisibility())
      .map((e) => [e.textContent.trim().slice(0, 20), e.getBoundingClientRect().height])
      .filter(([, h]) => h < 44),
  );
  assert.deepEqual(await small(), []);
  for (const scheme of ['light', 'dark']) {
    await page.emulateMedia({ colorScheme: scheme });
    assert.deepEqual(await axe(page), [], `the quiz app, ${scheme}`);
  }
  await page.emulateMedia({ colorScheme: 'light' });

  // The workshop app: its pages are folded away, and the menu button shows them.
  await page.goto('/');
  await waitForApp(page);
  const nav = page.getByRole('navigation', { name: 'Pages' });
  assert.equal(await nav.isVisible(), false);
  const button = page.getByTestId('menu-button');
  assert.equal(await button.getAttribute('aria-expanded'), 'false');
  assert.deepEqual(await small(), []);
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
  const { context, page } = await openApp(env.browser, env.server.url, '/quiz', { waitFor: 'main:not(#prerendered main) [data-testid="question"]' });
  assert.equal(await page.locator('.quiz-hint').isVisible(), true);
  // The workshop app's own quiz page (reached from its home page).
  await page.goto('/');
  await waitForApp(page);
  await page.getByRole('link', { name: 'Take the two-minute quiz' }).click();
  await page.waitForSelector('[data-testid="question"]');
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

/// Imports a generated model of `elements` x `roles` from the Models page.
async function importGenerated(page, elements, roles) {
  const { makeModel, toText } = await import('../bench/models.mjs');
  const envelope = makeModel({ elements, roles, name: `Workshop ${elements} x ${roles}` });
  // Ten decisions, each with a letter for every other role.
  envelope.model.decisions = [...Array(10)].map((_, i) => ({
    id: `d${i}`,
    name: `Decision ${i + 1}`,
    rights: Object.fromEntries(envelope.model.roles.filter((_, j) => (i + j) % 2 === 0).map((r, j) => [r.id, j === 0 ? 'A' : 'C'])),
  }));
  await page.goto('/models');
  await page.getByTestId('import-input').setInputFiles({ name: 'workshop.opmodel.json', mimeType: 'application/json', buffer: Buffer.from(toText(envelope)) });
  await page.getByText('Imported').waitFor();
}

/// What a projector shows of a grid: columns cut off, the letters' size,
/// the rows wholly in view.
const projected = (page, id) =>
  page.evaluate((id) => {
    const grid = document.getElementById(id);
    const scroller = grid.closest('.grid-scroll') ?? grid;
    const cell = grid.querySelector('.grid-body .cell');
    const rows = [...grid.querySelectorAll('.grid-body [role=row][data-row]')].filter((r) => {
      const b = r.getBoundingClientRect();
      return b.top >= 0 && b.bottom <= innerHeight;
    });
    return {
      clipped: scroller.scrollWidth - scroller.clientWidth,
      letterPx: parseFloat(getComputedStyle(cell).fontSize),
      rows: rows.length,
      header: document.querySelector('.app-header')?.checkVisibility() ?? false,
    };
  }, id);

test('a 35 x 10 matrix on a 1920 x 1080 projector: the page takes the width, and presenting shows all ten roles with readable letters', async () => {
  const context = await env.browser.newContext({ baseURL: env.server.url, viewport: { width: 1920, height: 1080 } });
  const page = await context.newPage();
  await importGenerated(page, 35, 10);
  await page.getByRole('link', { name: 'Ownership', exact: true }).click();
  await page.locator('#ownership-grid .cell').first().waitFor();
  assert.ok((await page.locator('main').evaluate((m) => m.getBoundingClientRect().width)) > 1700, 'not an 1100 px column');
  await page.getByTestId('present').click();
  const shown = await projected(page, 'ownership-grid');
  assert.deepEqual({ clipped: shown.clipped, header: shown.header }, { clipped: 0, header: false }, JSON.stringify(shown));
  assert.ok(shown.letterPx >= 20, `letters ${shown.letterPx} px`);
  assert.ok(shown.rows >= 10, `${shown.rows} rows in view`);
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'exit-present');
  await page.keyboard.press('Escape');
  await page.locator('.app-header').waitFor();
  await page.waitForFunction(() => document.activeElement?.dataset.testid === 'present');

  // The decision-rights table presents the same way.
  await page.getByRole('link', { name: 'Decisions', exact: true }).click();
  await page.locator('#decisions-grid .cell').first().waitFor();
  await page.getByTestId('present').click();
  const decisions = await projected(page, 'decisions-grid');
  assert.deepEqual({ clipped: decisions.clipped, header: decisions.header }, { clipped: 0, header: false }, JSON.stringify(decisions));
  assert.ok(decisions.letterPx >= 20, `letters ${decisions.letterPx} px`);
  await page.getByTestId('exit-present').click();
  await page.locator('.app-header').waitFor();
  await context.close();
});

test('a workflow presented on a 1920 x 1080 projector: its swimlane across the window, nothing else', async () => {
  const context = await env.browser.newContext({ baseURL: env.server.url, viewport: { width: 1920, height: 1080 } });
  const page = await context.newPage();
  await page.goto('/models');
  await page.getByTestId('sample-ecommerce').click();
  await page.waitForURL(/ownership/);
  await page.getByRole('link', { name: 'Workflows', exact: true }).click();
  await page.getByRole('button', { name: 'Pick, pack and ship' }).click();
  await page.getByTestId('present').click();
  const shown = await page.evaluate(() => {
    const svg = document.querySelector('.swimlane svg').getBoundingClientRect();
    const visible = (s) => [...document.querySelectorAll(s)].some((e) => e.checkVisibility());
    const text = [...document.querySelectorAll('.swimlane svg text')].map((t) => t.getBoundingClientRect().height);
    return {
      width: svg.width,
      inView: svg.bottom <= innerHeight,
      header: visible('.app-header'),
      stages: visible('[data-testid=stage]'),
      list: visible('[data-testid=workflow-list]'),
      smallestText: Math.min(...text),
    };
  });
  assert.ok(shown.width > 1500 && shown.inView, JSON.stringify(shown));
  assert.deepEqual({ header: shown.header, stages: shown.stages, list: shown.list }, { header: false, stages: false, list: false });
  assert.ok(shown.smallestText >= 11, JSON.stringify(shown));
  await page.keyboard.press('Escape');
  await page.getByTestId('stage').first().waitFor();
  await context.close();
});

test('the quiz result on a 360 px phone: its charts laid out as lists, no text under 11 px; a wide screen keeps the drawings', async () => {
  const context = await env.browser.newContext({ baseURL: env.server.url, ...PHONE });
  const page = await context.newPage();
  await page.goto('/quiz');
  await page.waitForSelector('main:not(#prerendered main) [data-testid="question"]', { timeout: 20_000 });
  for (let i = 0; i < 12; i++) {
    await page.getByTestId('question').locator('label').nth(i % 4).tap();
    await page.getByRole('button', { name: /Next|See/ }).first().tap();
  }
  await page.getByTestId('result').waitFor();
  const seen = await page.evaluate(() => {
    const result = document.querySelector('[data-testid=result]');
    const small = [];
    const walker = document.createTreeWalker(result, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!n.textContent.trim() || !el.checkVisibility()) continue;
      const px = parseFloat(getComputedStyle(el).fontSize);
      if (px < 11) small.push(`${px} px: ${n.textContent.trim().slice(0, 30)}`);
    }
    const visible = (s) => [...result.querySelectorAll(s)].filter((e) => e.checkVisibility()).length;
    return {
      small,
      drawings: visible('.chart-svg'),
      layers: result.querySelectorAll('[data-testid=narrow-layers] li').length,
      scores: result.querySelectorAll('[data-testid=narrow-scores] li').length,
      lists: visible('.chart-narrow'),
      current: result.querySelector('[data-testid=narrow-layers] li.current')?.textContent ?? '',
    };
  });
  assert.deepEqual({ ...seen, current: undefined }, { small: [], drawings: 0, layers: 4, scores: 8, lists: 2, current: undefined }, JSON.stringify(seen));
  assert.match(seen.current, /\(you are here\)/);
  for (const scheme of ['light', 'dark']) {
    await page.emulateMedia({ colorScheme: scheme });
    assert.deepEqual(await axe(page), [], `result at 360 px, ${scheme}`);
  }
  // The same result on a wide screen: the drawings, not the lists.
  await page.setViewportSize({ width: 1280, height: 800 });
  assert.equal(await page.locator('.result .chart-svg').first().isVisible(), true);
  assert.equal(await page.locator('.result .chart-narrow').first().isVisible(), false);
  await context.close();
});
