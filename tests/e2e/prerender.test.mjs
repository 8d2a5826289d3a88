// The prerendered first screen of the quiz app (quiz.html, embed.html): a
// visitor sees the first question and can answer it before the app's wasm
// has arrived; the app takes over without losing that answer or
// moving anything on screen. The wasm is held back so the test sees the
// page as a slow phone would, for as long as it needs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { useServerAndBrowser } from './lib/harness.mjs';
import { axe } from './lib/axe.mjs';

const env = useServerAndBrowser();

/// A fresh context whose wasm download waits until `release()`. As in every
/// browser test, any page or console error fails the test: a script or
/// style refused by the page's policy too.
async function withWasmHeld(options = {}) {
  const context = await env.browser.newContext({ baseURL: env.server.url, ...options });
  let release;
  const released = new Promise((ok) => {
    release = ok;
  });
  await context.route(/\.wasm$/, async (route) => {
    await released;
    await route.continue();
  });
  const page = await context.newPage();
  return { context, page, release };
}

const SHELL = '#prerendered [data-testid="question"]';
const APP = '[data-testid="question"]:not(#prerendered *)';

/// Where the parts of the question screen are, to compare before and after.
function boxes(page, root) {
  return page.evaluate((root) => {
    const at = (e) => {
      const r = e.getBoundingClientRect();
      return [Math.round(r.x), Math.round(r.y), Math.round(r.width), Math.round(r.height)];
    };
    const scope = root ? document.querySelector(root) : document;
    return ['.app-header', '.quiz-progress', '.question-prompt', 'label.option', '[data-testid="next"]', '.quiz-alt']
      .flatMap((s) => [...scope.querySelectorAll(s)].filter((e) => !e.closest('#prerendered') === !root).map((e) => `${s} ${at(e)}`));
  }, root);
}

const DEVICES = [
  ['a laptop', {}],
  ['a phone', { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true }],
];

for (const [device, deviceOptions] of DEVICES) {
  test(`a first visit to /quiz on ${device} shows the first question before the app runs, and the app keeps the answer given there`, async () => {
    const { context, page, release } = await withWasmHeld(deviceOptions);
    await page.goto('/quiz', { waitUntil: 'domcontentloaded' });
    await page.locator(SHELL).waitFor();
    assert.match(await page.locator('#prerendered .quiz-count').innerText(), /^Question 1 of 12/);
    assert.equal(await page.locator('#prerendered [data-testid="next"]').isDisabled(), true);
    assert.equal(await page.evaluate(() => document.activeElement.matches('#prerendered input[type=radio][value="0"]')), true, 'the first option has the focus, as in the app');
    assert.deepEqual(await axe(page), [], 'the prerendered screen passes the same checks');
    // The digit keys choose, as in the app; so does a tap.
    await page.keyboard.press('3');
    assert.equal(await page.locator(`${SHELL} input[value="2"]`).isChecked(), true);
    await page.locator(`${SHELL} label.option`).nth(1).click();
    assert.equal(await page.locator(`${SHELL} input[value="1"]`).isChecked(), true);
    assert.equal(await page.locator('#prerendered [data-testid="next"]').isEnabled(), true, 'an answer enables Next, as in the app');
    const before = await boxes(page, '#prerendered');
    assert.ok(before.length >= 8, before.join('\n'));

    release();
    await page.locator(APP).waitFor();
    assert.equal(await page.locator('#prerendered').count(), 0, 'the static screen is gone');
    assert.equal(await page.locator('[data-testid="question"]').count(), 1);
    const options = page.getByTestId('question').locator('input[type=radio]');
    assert.equal(await options.nth(1).isChecked(), true, 'the answer chosen before the app ran is kept');
    assert.equal(await page.getByTestId('next').isEnabled(), true);
    await page.waitForFunction(() => document.activeElement?.matches('[data-testid="question"] input[value="1"]'));
    assert.deepEqual(await boxes(page, null), before, 'nothing moved when the app took over');
    await page.getByTestId('next').click();
    assert.match(await page.locator('.quiz-count').innerText(), /^Question 2 of 12/);
    await context.close();
  });
}

test('Next pressed before the app runs is kept: the app then shows the second question', async () => {
  const { context, page, release } = await withWasmHeld();
  await page.goto('/quiz', { waitUntil: 'domcontentloaded' });
  await page.locator(SHELL).waitFor();
  const next = page.locator('#prerendered [data-testid="next"]');
  // Enter with no answer does nothing.
  await page.keyboard.press('Enter');
  assert.equal(await next.isDisabled(), true);
  await page.keyboard.press('4');
  await page.keyboard.press('Enter');
  assert.equal(await next.innerText(), 'Loading the next question…');
  assert.equal(await next.isDisabled(), true, 'pressed once is enough');
  assert.equal(await next.getAttribute('aria-busy'), 'true');
  release();
  await page.locator(APP).waitFor();
  assert.match(await page.locator('.quiz-count').innerText(), /^Question 2 of 12/);
  await page.waitForFunction(() => document.activeElement?.matches('[data-testid="question"] input[value="0"]'));
  await page.getByRole('button', { name: 'Back' }).click();
  assert.match(await page.locator('.quiz-count').innerText(), /^Question 1 of 12/);
  assert.equal(await page.getByTestId('question').locator('input[value="3"]').isChecked(), true, 'the answer given is kept');
  await context.close();
});

test('a returning visitor sees the first screen too, in their theme (the quiz app shows no model)', async () => {
  const { context, page, release } = await withWasmHeld();
  await context.addInitScript(() => {
    localStorage.setItem('opmodel.theme', 'dark');
    localStorage.setItem('opmodel.last', 'm1');
  });
  await page.goto('/quiz', { waitUntil: 'domcontentloaded' });
  await page.locator(SHELL).waitFor();
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark');
  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  release();
  await page.locator(APP).waitFor();
  assert.equal(await page.locator('#prerendered').count(), 0);
  assert.equal(await page.evaluate(() => getComputedStyle(document.body).backgroundColor), background, 'the same dark page before and after');
  assert.equal(await page.getByTestId('question').locator('input:checked').count(), 0);
  await context.close();
});

test('the embeddable quiz is prerendered too, on a phone', async () => {
  const { context, page, release } = await withWasmHeld({ viewport: { width: 360, height: 640 }, isMobile: true, hasTouch: true });
  await page.goto('/embed', { waitUntil: 'domcontentloaded' });
  await page.locator(SHELL).waitFor();
  assert.equal(await page.evaluate(() => document.body.classList.contains('embedded')), true);
  await page.locator(`${SHELL} label.option`).nth(3).tap();
  const before = await boxes(page, '#prerendered');
  release();
  await page.locator(APP).waitFor();
  assert.equal(await page.getByTestId('question').locator('input[type=radio]').nth(3).isChecked(), true);
  assert.deepEqual(await boxes(page, null), before);
  await context.close();
});

test('a page that arrives in pieces is taken over only once it is whole', async () => {
  // The page's loader is async, so the app may be running before the rest
  // of the page has come: here the page stops right after <body> until
  // well after the wasm has been sent.
  const html = await (await fetch(`${env.server.url}/quiz`)).text();
  const cut = html.indexOf('<body>') + '<body>'.length;
  assert.ok(cut > 6 && html.indexOf('id="prerendered"') > cut);
  let wasmSent;
  const sent = new Promise((ok) => {
    wasmSent = ok;
  });
  const slow = createServer(async (req, res) => {
    if (req.url === '/quiz') {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.write(html.slice(0, cut));
      await sent;
      await sleep(700);
      res.end(html.slice(cut));
      return;
    }
    const upstream = await fetch(`${env.server.url}${req.url}`);
    const body = Buffer.from(await upstream.arrayBuffer());
    res.writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') });
    res.end(body);
    if (req.url.endsWith('.wasm')) wasmSent();
  });
  await new Promise((ok) => slow.listen(0, '127.0.0.1', ok));
  const context = await env.browser.newContext({ baseURL: `http://127.0.0.1:${slow.address().port}` });
  try {
    const page = await context.newPage();
    await page.goto('/quiz');
    await page.locator(APP).waitFor();
    await page.waitForTimeout(100);
    assert.equal(await page.locator('#prerendered').count(), 0);
    assert.equal(await page.locator('[data-testid="question"]').count(), 1, 'one question screen, the app\'s');
    assert.equal(await page.locator('header.app-header').count(), 1);
  } finally {
    await context.close();
    slow.closeAllConnections();
    slow.close();
  }
});

test('other pages are not prerendered', async () => {
  for (const path of ['/', '/ownership', '/quiz/full']) {
    const html = await (await fetch(`${env.server.url}${path}`)).text();
    assert.doesNotMatch(html, /id="prerendered"/, path);
  }
});
