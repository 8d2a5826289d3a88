// For each page, press each distinct button by keyboard and report where the focus went.
process.env.DIST ??= 'dist';
const { startServer, launchBrowser } = await import('../e2e/lib/harness.mjs');
const server = await startServer({ dist: process.env.DIST });
const browser = await launchBrowser();
const PAGES = (process.env.PAGES || '/ownership,/decisions,/governance,/progress,/models,/decisions/cards').split(',');
const ctx = await browser.newContext({ baseURL: server.url });
const page = await ctx.newPage();
await page.goto('/models'); await page.getByTestId('sample-agency').click(); await page.waitForURL(/ownership/);
await page.waitForTimeout(500);
const snapshot = await page.evaluate(() => JSON.stringify(Object.fromEntries(Object.entries(localStorage))));
const lost = [];
for (const path of PAGES) {
  await page.goto(path); await page.waitForSelector('[data-testid="save-state"]'); await page.waitForTimeout(300);
  const labels = await page.evaluate(() => {
    const seen = new Set(); const out = [];
    [...document.querySelectorAll('main button, main a[href], main summary, main [role="button"]')].forEach((b, i) => {
      const l = (b.getAttribute('aria-label') ?? b.textContent).trim().replace(/\s+/g, ' ');
      const key = l.split(' ').slice(0, 2).join(' ');
      if (b.offsetParent && !seen.has(key)) { seen.add(key); out.push([i, l]); }
    });
    return out;
  });
  for (const [i, label] of labels) {
    await page.evaluate((s) => { localStorage.clear(); for (const [k, v] of Object.entries(JSON.parse(s))) localStorage.setItem(k, v); }, snapshot);
    await page.goto(path); await page.waitForSelector('[data-testid="save-state"]'); await page.waitForTimeout(300);
    const ok = await page.evaluate((i) => { const b = document.querySelectorAll('main button, main a[href], main summary, main [role="button"]')[i]; if (!b) return false; b.focus(); return document.activeElement === b; }, i);
    if (!ok) { console.log('skip', path, label); continue; }
    const url = page.url();
    page.once('dialog', (d) => d.dismiss());
    await page.keyboard.press('Enter');
    await page.waitForTimeout(250);
    const where = await page.evaluate(() => { const e = document.activeElement; return e === document.body || !e ? 'BODY' : `${e.tagName} ${(e.getAttribute('aria-label') ?? e.textContent ?? '').trim().slice(0, 40)}`; });
    const moved = page.url() !== url;
    if (where === 'BODY') lost.push(`${path} [${label.slice(0, 50)}] -> BODY${moved ? ' (navigated to ' + page.url().replace(server.url, '') + ')' : ''}`);
    else if (process.env.ALL) console.log(`${path} [${label.slice(0, 50)}] -> ${where}`);
  }
}
console.log(lost.join('\n'));
await browser.close(); process.exit(0);
