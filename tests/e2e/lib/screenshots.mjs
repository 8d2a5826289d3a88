// Takes screenshots of the built app (docs/screenshot.png for the README and
// a few others in target/screenshots to look at): `node tests/e2e/lib/screenshots.mjs`
// after `cargo xtask dist`.
import { mkdir } from 'node:fs/promises';
import { startServer, launchBrowser, openApp, waitForApp, waitSaved } from './harness.mjs';

const server = await startServer();
const browser = await launchBrowser();
await mkdir('target/screenshots', { recursive: true });
try {
  const { context, page } = await openApp(browser, server.url, '/models');
  await page.getByTestId('sample-ecommerce').click();
  await page.waitForURL(/ownership/);
  await waitSaved(page);
  await page.setViewportSize({ width: 1280, height: 1000 });
  await page.locator('#ownership-grid .cell').nth(1).evaluate((cell) => cell.focus({ preventScroll: true }));
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: 'docs/screenshot.png' });
  for (const [name, path] of [['home', '/'], ['ownership', '/ownership'], ['quiz', '/quiz']]) {
    await page.goto(path);
    await waitForApp(page);
    await page.screenshot({ path: `target/screenshots/${name}-desktop.png`, fullPage: true });
    await page.setViewportSize({ width: 360, height: 740 });
    await page.screenshot({ path: `target/screenshots/${name}-phone.png`, fullPage: true });
    await page.setViewportSize({ width: 1100, height: 640 });
  }
  await context.close();
} finally {
  await browser.close();
  await server.close();
}
