// axe-core, the WCAG checker, run on the page as it is.
import { createRequire } from 'node:module';
import { readFile } from 'node:fs/promises';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const axeSource = readFile(AXE, 'utf8');

/// The WCAG 2.2 A and AA violations on the page, a few nodes each.
export async function axe(page) {
  // Evaluated by the test driver, not added as an inline <script>: the
  // app's Content-Security-Policy rightly refuses inline scripts.
  await page.evaluate(await axeSource);
  return page.evaluate(async () => {
    const result = await window.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 3).map((n) => `${n.target.join(' ')} :: ${n.failureSummary?.split('\n').slice(0, 2).join(' ')}`),
    }));
  });
}
