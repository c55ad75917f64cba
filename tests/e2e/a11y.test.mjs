// Accessibility: axe-core's WCAG 2.0 and 2.1 rules, levels A and AA, on the landing page and
// on every view with the demo loaded, in the light and the dark theme. Any violation fails the
// test and is listed with its rule, impact and the elements it found.
//
// axe-core is injected from node_modules (never served with the app). The page's
// Content-Security-Policy rightly refuses injected scripts, so this test alone opens its page
// with Playwright's bypassCSP; the policy itself is unchanged (shell.test.mjs checks it).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { startApp, openPage, ROOT } from './harness.mjs';
import { nav, loadDemo } from './app.mjs';

const AXE = join(ROOT, 'node_modules/axe-core/axe.min.js');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const VIEWS = ['overview', 'funnel', 'leaderboard', 'clover', 'trends', 'data'];
// What shows that a view is drawn (charts included) before axe looks at it.
const READY = {
  overview: ['[data-testid="insight"]'],
  funnel: ['#chart-funnel canvas', '#chart-funnel-monthly canvas', '[data-testid="funnel-stage"]'],
  leaderboard: ['[data-testid="leaderboard-row"]'],
  clover: ['[data-testid="clover-leaf"]'],
  trends: ['#chart-weekly canvas', '#chart-lorenz canvas', '#chart-exchange canvas', '#chart-network canvas'],
  data: ['[data-testid="load-summary"]', '.definitions-text table'],
};

const app = startApp();

/** Runs axe-core on the page as it is; returns its violations, each tagged with `where`. */
async function audit(page, where) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async (tags) => {
    const r = await window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')) }));
  }, TAGS);
  return violations.map((v) => ({ where, ...v }));
}

async function setTheme(page, theme) {
  if ((await page.getAttribute('html', 'data-theme')) !== theme) await page.click('[data-testid="theme-toggle"]');
  await page.waitForSelector(`html[data-theme="${theme}"]`);
}

/** Waits until `view` is drawn and its charts have finished their short animation. */
async function ready(page, view) {
  for (const sel of READY[view]) await page.waitForSelector(sel, { state: 'attached' });
  await page.waitForTimeout(500);
}

test('axe-core finds no WCAG A or AA violation on the landing page and on every view, in both themes', async () => {
  const page = await openPage(app.browser, app.url, { bypassCSP: true });
  await page.waitForSelector('[data-testid="demo-button"]');
  await page.waitForSelector('[data-testid="benchmark"] .bench-row');
  const found = [];
  const checked = [];
  for (const theme of ['light', 'dark']) {
    await setTheme(page, theme);
    await page.waitForTimeout(500);
    found.push(...(await audit(page, `landing, ${theme}`)));
    checked.push(`landing, ${theme}`);
  }
  await loadDemo(page);
  for (const theme of ['light', 'dark']) {
    await setTheme(page, theme);
    for (const v of VIEWS) {
      await nav(page, v);
      await ready(page, v);
      found.push(...(await audit(page, `${v}, ${theme}`)));
      checked.push(`${v}, ${theme}`);
    }
  }
  assert.equal(checked.length, 14);
  const report = found
    .map((v) => `${v.where}: ${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.join('\n    ')}`)
    .join('\n');
  assert.equal(found.length, 0, `axe-core found ${found.length} violation(s):\n${report}`);
  assert.deepEqual(page.problems(), []);
});
