// Hostile input in the browser: every bad file is refused with its message
// and changes nothing; HTML in names stays text; no request leaves the origin.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { openApp, waitForApp, waitSaved, storedState, useServerAndBrowser } from './lib/harness.mjs';

const BAD = 'tests/fixtures/bad';
const env = useServerAndBrowser();

test('every hostile file gets its exact message and leaves storage byte-for-byte unchanged', async () => {
  const messages = JSON.parse(await readFile(join(BAD, 'messages.json'), 'utf8'));
  const { context, page } = await openApp(env.browser, env.server.url, '/models');
  await page.getByTestId('sample-agency').click();
  await page.waitForURL(/ownership/);
  await waitSaved(page);
  await page.goto('/models');
  await waitForApp(page);
  const before = await storedState(page);
  let refused = 0;
  for (const [name, message] of Object.entries(messages)) {
    if (message === null || name.startsWith('_')) continue; // loads (native tests) or a comment
    await page.getByTestId('import-input').setInputFiles(join(BAD, name));
    const expected = `“${name}” could not be imported. ${message} Nothing was changed.`;
    const alert = page.getByRole('alert').filter({ hasText: expected });
    await alert.waitFor({ timeout: 5000 });
    await alert.getByRole('button', { name: 'Dismiss this message' }).click();
    refused++;
  }
  assert.ok(refused >= 30, `${refused} files tried`);
  assert.deepEqual(await storedState(page), before);
  await context.close();
});

test('files as people save them open as new models: UTF-16, a BOM, schemaVersion 1.0, a model without its envelope', async () => {
  const messages = JSON.parse(await readFile(join(BAD, 'messages.json'), 'utf8'));
  const { context, page } = await openApp(env.browser, env.server.url, '/models');
  const loads = Object.entries(messages).filter(([name, m]) => m === null && !name.startsWith('_')).map(([name]) => name);
  assert.ok(loads.length >= 5, loads.join(', '));
  for (const name of loads) {
    const before = Object.keys(await storedState(page)).filter((k) => k.startsWith('opmodel.model.')).length;
    await page.getByTestId('import-input').setInputFiles(join(BAD, name));
    const notice = page.getByRole('status').filter({ hasText: 'as a new model.' }).last();
    // The same model saved in other ways: after the first, each is
    // recognized as one this browser holds, and opened as a copy.
    const copy = page.getByTestId('incoming-copy');
    await Promise.race([notice.waitFor({ timeout: 5000 }), copy.waitFor({ timeout: 5000 })]);
    if (await copy.isVisible()) await copy.click();
    await notice.waitFor({ timeout: 5000 });
    const text = await notice.innerText();
    // Only the model without its envelope says how it was read.
    assert.equal(
      text.includes('The file holds a model without the OpModel envelope (no "format" and "schemaVersion"); it was read as the current format version.'),
      name === 'bare-model.json',
      `${name}: ${text}`,
    );
    await notice.getByRole('button', { name: 'Dismiss this message' }).click();
    await waitSaved(page);
    const after = Object.keys(await storedState(page)).filter((k) => k.startsWith('opmodel.model.')).length;
    assert.equal(after, before + 1, `${name} is stored as a new model`);
  }
  await context.close();
});

const EVIL = '<img src=x onerror="window.__xss=(window.__xss||0)+1"><script>window.__xss=(window.__xss||0)+1</script>';

test('HTML and script in every text field render as text on every page', async () => {
  const file = JSON.parse(await readFile('tests/fixtures/valid-small.opmodel.json', 'utf8'));
  const m = file.model;
  m.name = `Model ${EVIL}`;
  m.roles[0].name = `Role ${EVIL}`;
  m.roles[0].holder = `Holder ${EVIL}`;
  m.elements[0].name = `Element ${EVIL}`;
  m.elements[0].description = `Description ${EVIL}`;
  m.decisions = [{
    id: 'd1', name: `Decision ${EVIL}`, description: EVIL, rights: { 'role-baker': 'A' },
    authority: { kind: 'conditional', condition: EVIL, threshold: { amount: 5, unit: EVIL } },
    approvals: [{ role: 'role-shop', when: EVIL }], escalations: [{ condition: EVIL, role: 'role-shop' }],
    vetoes: [{ role: 'role-shop', circumstances: EVIL, record: EVIL }], documentation: EVIL, elements: ['el-bake'],
  }];
  m.reviews = [{ id: 'v1', name: `Review ${EVIL}`, level: 'tactical', cadence: 'weekly', owner: 'role-baker', elements: ['el-bake'], metrics: [EVIL] }];
  m.corrections = [{ id: 'c1', finding: `Finding ${EVIL}`, review: 'v1', status: 'proposed' }];
  m.snapshots = [{ takenAt: '2026-11-01T00:00:00Z', metrics: { control: 50 } }];
  // The map's texts (a version 1 file may carry them: the migrations keep
  // what they do not touch).
  m.elements.push({ id: 'el-flour', name: `Data ${EVIL}`, kind: 'data', assignments: {} });
  m.dataEntities = [{ element: 'el-flour', definition: EVIL, systems: { 'el-till': 'source' } }];
  m.flows = [{ id: 'f1', from: 'el-till', to: 'el-till', carries: ['el-flour'], mechanism: 'manualEntry', schedule: EVIL, validation: EVIL }];
  const dialogs = [];
  const { context, page } = await openApp(env.browser, env.server.url, '/models');
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    d.dismiss();
  });
  await page.getByTestId('import-input').setInputFiles({ name: 'evil.opmodel.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)) });
  await page.getByText('Imported').waitFor();
  for (const path of ['/', '/ownership', '/decisions', '/decisions/cards', '/workflows', '/map', '/governance', '/progress', '/models']) {
    await page.goto(path);
    await waitForApp(page);
    if (path === '/map') {
      for (const d of await page.locator('details').all()) await d.evaluate((el) => (el.open = true));
    }
    if (path === '/decisions') {
      await page.locator('button[aria-label^="Details of"]').first().click();
      await page.getByTestId('lookup-input').fill('Decision');
    }
    await page.waitForTimeout(100);
    assert.equal(await page.evaluate(() => window.__xss), undefined, `no script ran on ${path}`);
    assert.equal(await page.locator('main img[src="x"], main script').count(), 0, `no injected element on ${path}`);
  }
  // The text is shown as typed.
  await page.goto('/ownership');
  await waitForApp(page);
  assert.ok((await page.locator('.grid-body .name-button').first().innerText()).includes('<img src=x onerror='));
  // CSV keeps it as text too (neutralized only at the start of a cell).
  assert.deepEqual(dialogs, []);
  await context.close();
});

/// What a visitor can reach: a sample model, the quick quiz saved to it,
/// every page, and a chart exported as PNG (drawn through an image and a
/// canvas).
async function fullTour(page) {
  await page.goto('/models');
  await waitForApp(page);
  await page.getByTestId('sample-saas').click();
  await page.waitForURL(/ownership/);
  await page.goto('/');
  await waitForApp(page);
  await page.getByRole('link', { name: 'Take the two-minute quiz' }).click();
  for (let i = 0; i < 12; i++) {
    await page.keyboard.press('2');
    await page.keyboard.press('Enter');
  }
  await page.getByTestId('save-result').click();
  for (const path of ['/decisions', '/decisions/cards', '/governance', '/progress', '/models', '/embed', '/quiz/full', '/nowhere']) {
    await page.goto(path);
    await page.waitForSelector('main');
  }
  await page.goto('/progress');
  await waitForApp(page);
  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout: 5_000 }),
    page.getByRole('button', { name: 'Download PNG' }).first().click(),
  ]);
  assert.match(download.suggestedFilename(), /\.png$/);
}

test('a full tour makes no request outside the app\'s own origin', async () => {
  const context = await env.browser.newContext({ baseURL: env.server.url });
  const page = await context.newPage();
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  await fullTour(page);
  const outside = requests.filter((u) => !u.startsWith(env.server.url) && !u.startsWith('data:') && !u.startsWith('blob:'));
  assert.deepEqual(outside, []);
  assert.ok(requests.length > 5);
  await context.close();
});

test('the built index.html ships a strict Content-Security-Policy', async () => {
  const html = await (await fetch(`${env.server.url}/`)).text();
  const policy = html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]+)"/)?.[1];
  assert.ok(policy, 'a CSP meta is present');
  const directives = Object.fromEntries(policy.split(';').map((d) => {
    const [name, ...values] = d.trim().split(/\s+/);
    return [name, values];
  }));
  assert.deepEqual(directives['default-src'], ["'none'"]);
  const inline = [...html.matchAll(/<script(?![^>]*\ssrc=)[^>]*>/g)].length;
  const hashes = directives['script-src'].filter((v) => v.startsWith("'sha256-"));
  assert.deepEqual(directives['script-src'].filter((v) => !v.startsWith("'sha256-")), ["'self'", "'wasm-unsafe-eval'"]);
  assert.equal(hashes.length, inline, 'each inline script (trunk\u2019s loader) allowed by its hash, nothing else inline');
  assert.ok(!/unsafe-inline|'unsafe-eval'|https?:|\*/.test(policy), policy);
  // The meta comes before every script it governs.
  assert.ok(html.indexOf('Content-Security-Policy') < html.indexOf('<script'));
});

test('a full tour under that policy reports no violation', async () => {
  const { context, page } = await openApp(env.browser, env.server.url, '/');
  const violations = [];
  await page.exposeBinding('reportViolation', (_, v) => violations.push(v));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => window.reportViolation(
      `${e.violatedDirective} blocked ${e.blockedURI} (${e.sourceFile}:${e.lineNumber})`,
    ));
  });
  await fullTour(page);
  assert.deepEqual(violations, []);
  await context.close();
});
