// What the end-to-end tests do with Clover itself, in one place: run the CLI on the same data,
// load the demo or files the way a person does, move between views, and read the numbers on
// screen (the funnel, the leaderboard, the Clover leaves, the load summary). The tests keep
// their own assertions; this module only fetches what they compare. The server and the browser
// are in harness.mjs.
import { execFileSync } from 'node:child_process';
import { ROOT } from './harness.mjs';

/** Runs the native `clover` CLI (the same core as the page) and returns its standard output. */
export function clover(args) {
  return execFileSync('cargo', ['run', '-q', '-p', 'clover-cli', '--', ...args], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 << 20 });
}

/** `clover import --json files…`: the load summary the Data view must show. */
export function cliImport(files) {
  return JSON.parse(clover(['import', '--json', ...files]));
}

/** `clover analyze --json files…`: every number the views must show. */
export function cliAnalyze(files) {
  return JSON.parse(clover(['analyze', '--json', ...files]));
}

/** Opens `view` from the navigation and waits until it is the current one. */
export async function nav(page, view) {
  await page.click(`nav button[data-view="${view}"]`);
  await page.waitForSelector(`nav button[data-view="${view}"][aria-current="page"]`);
}

/** Clicks "Try the demo" and waits for the Overview's figures. */
export async function loadDemo(page) {
  await page.click('[data-testid="demo-button"]');
  await page.waitForSelector('.kpis', { timeout: 90000 });
}

/**
 * Hands `files` (paths: files, or one folder with `input`: 'folder-input') to the page's
 * file input, waits until they are loaded (the filters appear) and opens the Data view with
 * its load summary. `timeout` bounds the wait for the load (Playwright's default without it).
 */
export async function loadFiles(page, files, { input = 'file-input', timeout } = {}) {
  await page.waitForSelector(`[data-testid="${input}"]`, { state: 'attached' });
  await page.setInputFiles(`[data-testid="${input}"]`, files);
  await page.waitForSelector('.filters', timeout ? { timeout } : {});
  await nav(page, 'data');
  await page.waitForSelector('[data-testid="load-summary"]');
}

/** The load summary's counts as the Data view shows them. */
export async function readLoadSummary(page) {
  return page.$eval('[data-testid="load-summary"]', (el) => ({
    people: Number(el.dataset.people),
    posts: Number(el.dataset.posts),
    replies: Number(el.dataset.replies),
    reactions: Number(el.dataset.reactions),
  }));
}

/** The funnel's stages ({stage, count}) as the Funnel view shows them (the view must be open). */
export async function readFunnel(page) {
  return page.$$eval('[data-testid="funnel-stage"]', (rows) => rows.map((r) => ({ stage: r.dataset.stage, count: Number(r.dataset.count) })));
}

/** Opens the Funnel view and reads its stages. */
export async function funnelOnScreen(page) {
  await nav(page, 'funnel');
  await page.waitForSelector('[data-testid="funnel-stage"]');
  return readFunnel(page);
}

/** The first `n` rows of the leaderboard shown ({rank, name, score}; the view must be open). */
export async function readLeaderboard(page, n = 10) {
  return page.$$eval('[data-testid="leaderboard-row"]', (rs, n) => rs.slice(0, n).map((r) => ({ rank: Number(r.dataset.rank), name: r.dataset.name, score: Number(r.dataset.score) })), n);
}

/** Every name on the leaderboard shown (the view must be open). */
export async function readLeaderboardNames(page) {
  return page.$$eval('[data-testid="leaderboard-row"]', (rs) => rs.map((r) => r.dataset.name));
}

/** The Clover leaves ({leaf, score}; score '' when a leaf has no data; the view must be open). */
export async function readLeaves(page) {
  return page.$$eval('[data-testid="clover-leaf"]', (ls) => ls.map((l) => ({ leaf: l.dataset.leaf, score: l.dataset.score })));
}

/**
 * What shows that a view is drawn, data loaded: its own figures, not only the navigation. A
 * test that then checks for something absent (a name, an injected element, an overflow) waits
 * for this first, or its check would pass on a view that has not been drawn yet.
 */
export const DRAWN = {
  overview: '.kpis',
  funnel: '[data-testid="funnel-stage"]',
  leaderboard: '[data-testid="leaderboard-row"]',
  clover: '[data-testid="clover-leaf"]',
  trends: '#chart-weekly canvas',
  data: '[data-testid="load-summary"]',
};

/** Opens `view` and waits until it is drawn ([`DRAWN`]). */
export async function navDrawn(page, view, options = {}) {
  await nav(page, view);
  await page.waitForSelector(`main ${DRAWN[view]}`, options);
}

/**
 * Shows ECharts' tooltip on the chart in `#id` and waits until it is drawn with text;
 * returns that text. `item` is the data item: hovered with the mouse where ECharts draws it
 * when `hover` (charts on a grid), else shown through ECharts' showTip action (a graph's nodes
 * move while its layout runs). The tooltip is HTML that ECharts fills from the data, so a test
 * can then check that nothing in it became an element.
 */
export async function showTooltip(page, id, { item = 0, hover = false } = {}) {
  if (hover) {
    const at = await page.$eval(`#${id}`, (el, i) => {
      // The mouse reaches only what is on screen.
      el.scrollIntoView({ block: 'center' });
      const chart = window.echarts.getInstanceByDom(el);
      const d = chart.getOption().series[0].data[i];
      const [x, y] = chart.convertToPixel({ seriesIndex: 0 }, Array.isArray(d) ? d : d.value);
      const r = el.getBoundingClientRect();
      return { x: r.x + x, y: r.y + y };
    }, item);
    await page.mouse.move(at.x, at.y);
  } else {
    await page.$eval(`#${id}`, (el, i) => window.echarts.getInstanceByDom(el).dispatchAction({ type: 'showTip', seriesIndex: 0, dataIndex: i }), item);
  }
  const tip = await page.waitForFunction((id) => {
    const shown = [...document.querySelectorAll(`#${id} > div`)].find((d) => !d.querySelector('canvas') && getComputedStyle(d).visibility !== 'hidden' && getComputedStyle(d).display !== 'none' && d.textContent.trim());
    return shown ? shown.textContent : null;
  }, id, { timeout: 10000 });
  return tip.jsonValue();
}
