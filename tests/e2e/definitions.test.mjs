// The definitions on the Data view (docs/definitions.md, rendered to HTML at build time): real
// headings, tables and lists, no Markdown syntax or engineering notes left in the text, and
// every view's "How these numbers are computed" lands on its heading.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startApp, openPage, screenshot } from './harness.mjs';
import { nav } from './app.mjs';

const app = startApp();

test('the definitions render as headings, tables and lists, in words for the reader', async () => {
  const page = await openPage(app.browser, `${app.url}#data=demo&view=data`);
  await page.waitForSelector('.definitions-text table', { timeout: 90000 });
  const shape = await page.$eval('.definitions-text', (el) => ({
    tables: [...el.querySelectorAll('table')].map((t) => ({
      head: t.querySelectorAll('thead th').length,
      rows: t.querySelectorAll('tbody tr').length,
    })),
    lists: [...el.querySelectorAll('ul, ol')].map((l) => l.querySelectorAll(':scope > li').length),
    headings: [...el.querySelectorAll('h3, h4')].map((h) => h.id),
    text: el.innerText,
  }));
  assert.ok(shape.tables.length >= 4, `tables: ${JSON.stringify(shape.tables)}`);
  for (const t of shape.tables) assert.ok(t.head >= 2 && t.rows >= 2, `a table with a header and rows: ${JSON.stringify(t)}`);
  assert.ok(shape.lists.filter((n) => n >= 3).length >= 4, `lists: ${JSON.stringify(shape.lists)}`);
  for (const id of ['adoption-funnel', 'leaderboard', 'clover-maturity', 'the-other-views']) assert.ok(shape.headings.includes(id), `#${id} in ${shape.headings}`);
  // No Markdown left over: no table row as text, no bold markers, no code ticks.
  assert.doesNotMatch(shape.text, /^\s*\|.*\|\s*$/m);
  assert.ok(!shape.text.includes('**'), 'no ** in the text');
  assert.ok(!shape.text.includes('`'), 'no ` in the text');
  // Written for the reader, not the engineer.
  assert.doesNotMatch(shape.text, /clover_core|analyze\(|::|\.rs\b|params\./);
  await screenshot(page, 'definitions');
  assert.deepEqual(page.problems(), []);
});

test('each view\'s "How these numbers are computed" opens the definitions at its heading', async () => {
  const page = await openPage(app.browser, `${app.url}#data=demo&view=overview`);
  await page.waitForSelector('.kpis', { timeout: 90000 });
  for (const [view, anchor] of [['funnel', 'adoption-funnel'], ['leaderboard', 'leaderboard'], ['clover', 'clover-maturity'], ['trends', 'the-other-views']]) {
    await nav(page, view);
    await page.click('button.definitions');
    await page.waitForSelector('nav button[data-view="data"][aria-current="page"]');
    await page.waitForSelector(`.definitions-text #${anchor}`);
    // The heading is in sight, below the sticky header.
    await page.waitForFunction((id) => {
      const top = document.getElementById(id).getBoundingClientRect().top;
      return top >= document.querySelector('header.top').getBoundingClientRect().bottom && top < window.innerHeight / 2;
    }, anchor);
  }
  assert.deepEqual(page.problems(), []);
});
