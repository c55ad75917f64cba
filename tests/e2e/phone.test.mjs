// On a phone (issue 25), at 360×740 and 390×844 with touch and a mobile viewport: no view is
// wider than the screen; every control can be reached by touch and the primary ones are at
// least 44 px square; the Overview's headline figures are on the first screen; the header
// holds the brand, the view and one menu; the filters fold behind one button that says what
// is applied; charts resize with their box and show tooltips on a tap; the deck fits the
// screen upright and turned and moves by swipe; a snapshot link made on a desktop opens
// readable; axe-core finds no WCAG 2.2 A or AA violation; reduced motion is respected.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { startApp, openPage, screenshot, ROOT } from './harness.mjs';

const PHONES = [[360, 740], [390, 844]];
const VIEWS = ['overview', 'funnel', 'leaderboard', 'clover', 'trends', 'data'];
const Q2 = 'data=demo&from=2025-04-01&to=2025-06-30&cmp=previous';
// What shows that a view is drawn, charts included.
const READY = {
  overview: ['[data-testid="insight"]'],
  funnel: ['#chart-funnel canvas', '#chart-funnel-monthly canvas', '[data-testid="funnel-stage"]'],
  leaderboard: ['[data-testid="leaderboard-row"]'],
  clover: ['[data-testid="clover-leaf"]', '#chart-journey canvas', '[data-testid="segment-row"]'],
  trends: ['#chart-weekly canvas', '#chart-lorenz canvas', '#chart-exchange canvas', '#chart-network canvas'],
  data: ['[data-testid="load-summary"]', '.definitions-text table'],
};
const AXE = join(ROOT, 'node_modules/axe-core/axe.min.js');

const app = startApp();

/** The demo at `hash` on a phone of `width`×`height`, once the Overview's figures are in. */
async function phone([width, height], hash = `view=overview&${Q2}`, options = {}) {
  const page = await openPage(app.browser, `${app.url}#${hash}`, { width, height, phone: true, ...options });
  // Loaded: the menu button names the view on screen instead of saying "Menu".
  await page.waitForFunction(() => /^(?!Menu$)\S/.test(document.querySelector('[data-testid="menu-button"] .menu-current')?.textContent ?? ''), null, { timeout: 90000 });
  return page;
}

/** Opens the header's menu (a disclosure) if it is closed. */
async function openMenu(page) {
  if ((await page.getAttribute('[data-testid="menu-button"]', 'aria-expanded')) !== 'true') {
    await page.tap('[data-testid="menu-button"]');
  }
  await page.waitForSelector('[data-testid="menu-button"][aria-expanded="true"]');
  await page.waitForSelector('#menu nav button[data-view="overview"]', { state: 'visible' });
}

/** Goes to `view` through the menu, by touch, and waits until it is drawn (`drawn`: what
 * shows it; a snapshot holds fewer sections than the data it was made from). */
async function go(page, view, drawn = READY[view]) {
  await openMenu(page);
  await page.tap(`#menu nav button[data-view="${view}"]`);
  await page.waitForSelector(`nav button[data-view="${view}"][aria-current="page"]`, { state: 'attached' });
  // Choosing a view closes the menu, and the header says which view is on screen.
  await page.waitForSelector('[data-testid="menu-button"][aria-expanded="false"]');
  for (const sel of drawn) await page.waitForSelector(sel, { state: 'attached', timeout: 60000 });
}

/** The page's width as laid out (a phone zooms out a page wider than its screen). */
const layoutWidth = (page) => page.evaluate(() => [document.documentElement.scrollWidth, innerWidth]);

/**
 * Every control on screen that a finger must reach: its centre is on the screen once scrolled
 * to, and a tap there lands on it (nothing covers it: not the sticky header, not another
 * control). Returns the ones that fail, described.
 */
function unreachable(page) {
  return page.evaluate(() => {
    const bad = [];
    const header = document.querySelector('header.top').getBoundingClientRect().bottom;
    const controls = document.querySelectorAll('main button, main a[href], main input, main select, main summary, main [tabindex="0"], header button, header a[href]');
    for (const el of controls) {
      if (!el.getClientRects().length || getComputedStyle(el).visibility === 'hidden') continue;
      if (el.closest('[aria-hidden="true"]')) continue;
      el.scrollIntoView({ block: 'center', inline: 'center' });
      const r = el.getBoundingClientRect();
      const x = r.left + r.width / 2;
      const y = r.top + r.height / 2;
      const inHeader = !!el.closest('header');
      const hit = document.elementFromPoint(x, y);
      const lands = hit && (hit === el || el.contains(hit) || (el.tagName === 'INPUT' && hit.closest('label')?.contains(el)));
      if (x < 0 || x > innerWidth || y > innerHeight || (!inHeader && y < header) || !lands) {
        bad.push(`${el.tagName.toLowerCase()} "${(el.textContent || el.getAttribute('aria-label') || el.dataset.testid || '').trim().slice(0, 40)}" at ${Math.round(x)},${Math.round(y)} (tap lands on ${hit?.tagName.toLowerCase()}.${hit?.className})`);
      }
    }
    window.scrollTo(0, 0);
    return bad;
  });
}

/** The controls under `selector` smaller than 44×44 CSS px. */
function small(page, selector) {
  return page.$$eval(selector, (els) =>
    els
      .filter((e) => e.getClientRects().length)
      .map((e) => ({ what: (e.textContent || e.getAttribute('aria-label') || '').trim().slice(0, 30), ...e.getBoundingClientRect().toJSON() }))
      .filter((r) => r.width < 44 - 0.5 || r.height < 44 - 0.5)
      .map((r) => `${r.what}: ${Math.round(r.width)}×${Math.round(r.height)}`),
  );
}

/** A one-finger swipe from (x0, y0) to (x1, y1), as a touch screen reports it. */
async function swipe(page, [x0, y0], [x1, y1]) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x: x0, y: y0 }] });
  for (let i = 1; i <= 6; i++) {
    const t = i / 6;
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x: x0 + (x1 - x0) * t, y: y0 + (y1 - y0) * t }] });
  }
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await cdp.detach();
}

const slideNumber = async (page) => Number((await page.textContent('[data-testid="slide-count"]')).split('/')[0]);

for (const size of PHONES) {
  const [width, height] = size;

  test(`at ${width}×${height}: no view is wider than the screen, and every control on it can be reached by touch`, async () => {
    const page = await phone(size);
    // The header: the brand, the privacy badge, and one menu button that names the view.
    assert.ok(await page.isVisible('header .brand'));
    assert.match(await page.textContent('header .privacy-badge'), /Private/);
    assert.equal((await page.textContent('[data-testid="menu-button"] .menu-current')).trim(), 'Overview');
    assert.equal(await page.isVisible('#menu nav'), false, 'the views are in the closed menu');
    const headerRow = await page.$$eval('header.top > .brand, header.top > .privacy-badge, header.top > .menu-button', (els) => els.map((e) => e.getBoundingClientRect().toJSON()));
    assert.ok(headerRow.every((r) => Math.abs(r.top + r.height / 2 - (headerRow[0].top + headerRow[0].height / 2)) < 4 && r.right <= width), `the header keeps to one row: ${JSON.stringify(headerRow)}`);
    for (let i = 1; i < headerRow.length; i++) assert.ok(headerRow[i].left >= headerRow[i - 1].right, 'nothing in the header covers anything');
    // The filters: one button that says what is applied, the form folded under it.
    assert.equal(await page.isVisible('form.filters'), false);
    assert.equal((await page.textContent('[data-testid="filters-applied"]')).trim(), '2025 Q2 vs 2025 Q1 · All departments');
    await page.tap('[data-testid="filters-toggle"]');
    await page.waitForSelector('form.filters', { state: 'visible' });
    assert.equal(await page.getAttribute('[data-testid="filters-toggle"]', 'aria-expanded'), 'true');
    for (const v of VIEWS) {
      await go(page, v);
      assert.equal((await page.textContent('[data-testid="menu-button"] .menu-current')).trim(), (await page.textContent(`nav button[data-view="${v}"]`)).trim());
      // Editors and folded tables open, so that their controls are checked too.
      for (const d of await page.$$('main details:not([open]) > summary')) await d.tap();
      const [scrollWidth, inner] = await layoutWidth(page);
      assert.equal(inner, width, `${v}: the page is laid out at the screen's width (not zoomed out)`);
      assert.ok(scrollWidth <= width, `${v} at ${width}×${height} is ${scrollWidth - width} px wider than the screen`);
      assert.deepEqual(await unreachable(page), [], `${v}: controls a finger cannot reach`);
      assert.deepEqual(await small(page, '[data-testid="menu-button"], [data-testid="filters-toggle"], .kpi, main .controls select, main .controls button'), [], `${v}: primary controls under 44×44`);
    }
    // The menu: every view, Present, the snapshot link and the theme, each at least 44 px.
    await openMenu(page);
    assert.deepEqual(await unreachable(page), [], 'menu items a finger cannot reach');
    assert.deepEqual(await small(page, '#menu button'), [], 'menu items under 44×44');
    const items = await page.$$eval('#menu button', (bs) => bs.map((b) => b.dataset.testid || b.dataset.view));
    for (const id of [...VIEWS, 'present-button', 'snapshot-button', 'theme-toggle']) assert.ok(items.includes(id), `the menu holds ${id}`);
    await screenshot(page, `phone-${width}-menu`);
    // Escape closes it, and the focus goes back to its button.
    await page.keyboard.press('Escape');
    await page.waitForSelector('[data-testid="menu-button"][aria-expanded="false"]');
    assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'menu-button');
    assert.deepEqual(page.problems(), []);
  });

  test(`at ${width}×${height}: the Overview's headline figures are on the first screen`, async () => {
    for (const hash of ['view=overview&data=demo', `view=overview&${Q2}`]) {
      const page = await phone(size, hash);
      await page.waitForSelector('.kpi [data-testid="change"], [data-testid="suggest-compare"]');
      const kpis = await page.$$eval('.kpi', (ks) => ks.map((k) => ({ kpi: k.dataset.kpi, ...k.getBoundingClientRect().toJSON() })));
      assert.equal(kpis.length, 6);
      assert.equal(await page.evaluate(() => scrollY), 0);
      for (const k of kpis) assert.ok(k.bottom <= height && k.right <= width, `${hash}: ${k.kpi} ends at ${Math.round(k.bottom)} px, below the ${height} px screen`);
      // Large enough to read at a glance.
      assert.ok(await page.$eval('.kpi-value', (e) => parseFloat(getComputedStyle(e).fontSize) >= 24));
      if (hash.includes('cmp')) await screenshot(page, `phone-${width}-overview`);
      assert.deepEqual(page.problems(), []);
    }
  });

  test(`at ${width}×${height}: the deck fits the screen upright and turned, and a swipe moves it`, async () => {
    const page = await phone(size);
    await openMenu(page);
    await page.tap('[data-testid="present-button"]');
    await page.waitForSelector('[data-testid="slide"][data-index="0"]');
    await page.waitForSelector('.slide-kind-journey canvas', { state: 'attached', timeout: 60000 });
    const n = Number((await page.textContent('[data-testid="slide-count"]')).split('/')[1]);
    assert.ok(n >= 8, `${n} slides`);
    for (const [w, h, layout] of [[width, height, 'portrait'], [height, width, 'landscape']]) {
      await page.setViewportSize({ width: w, height: h });
      await page.waitForSelector(`[data-testid="deck"][data-layout="${layout}"]`);
      await page.keyboard.press('Home');
      for (let i = 0; i < n; i++) {
        await page.waitForSelector(`[data-testid="slide"][data-index="${i}"]`);
        const m = await page.evaluate(() => {
          const s = document.querySelector('[data-testid="slide"]').getBoundingClientRect();
          const controls = [...document.querySelectorAll('.deck-toolbar button')].map((b) => b.getBoundingClientRect().toJSON());
          return { slide: s.toJSON(), controls, doc: [document.documentElement.scrollWidth, document.documentElement.scrollHeight], inner: [innerWidth, innerHeight] };
        });
        const { slide } = m;
        assert.deepEqual(m.inner, [w, h], 'the deck is laid out at the screen size');
        assert.ok(slide.left >= -0.5 && slide.top >= -0.5 && slide.right <= w + 0.5 && slide.bottom <= h + 0.5, `${layout} slide ${i + 1} is cut: ${JSON.stringify(slide)}`);
        assert.ok(m.doc[0] <= w && m.doc[1] <= h, `${layout} slide ${i + 1}: the page scrolls (${m.doc})`);
        // The slide uses the room: the full width upright, the full height turned.
        if (layout === 'portrait') assert.ok(slide.width >= w - 1, `upright, the slide is ${slide.width} px of ${w}`);
        else assert.ok(slide.height >= h - 1, `turned, the slide is ${slide.height} px of ${h}`);
        for (const c of m.controls) {
          assert.ok(c.width >= 44 && c.height >= 44, `${layout}: a deck control is ${c.width}×${c.height}`);
          assert.ok(c.left >= 0 && c.right <= w && c.top >= 0 && c.bottom <= h, `${layout}: a deck control is off the screen`);
          // Under the thumb: along the bottom upright, along the right edge turned.
          if (layout === 'portrait') assert.ok(c.top >= h - 80, 'upright, the controls are at the bottom');
          else assert.ok(c.left >= w - 90, 'turned, the controls are at the right edge');
        }
        if (layout === 'portrait') {
          // Upright the slide is small: its message is repeated below it at reading size.
          const title = await page.$eval('[data-testid="slide"] [data-testid="slide-title"]', (e) => e.textContent);
          assert.equal(await page.textContent('[data-testid="reading-title"]'), title);
          assert.ok(await page.$eval('[data-testid="reading-title"]', (e) => parseFloat(getComputedStyle(e).fontSize) >= 18));
          if ([1, 2, 4].includes(i)) await screenshot(page, `phone-${width}-slide-${i + 1}`);
        } else if ([1, 2, 4].includes(i)) {
          await screenshot(page, `phone-${width}-turned-slide-${i + 1}`);
        }
        await page.keyboard.press('ArrowRight');
      }
      // A swipe to the left shows the next slide, to the right the one before; a mostly
      // upward drag moves nothing.
      await page.keyboard.press('Home');
      await page.waitForSelector('[data-testid="slide"][data-index="0"]');
      const mid = [w / 2, Math.min(h / 3, 150)];
      await swipe(page, [mid[0] + 100, mid[1]], [mid[0] - 100, mid[1] + 10]);
      await page.waitForSelector('[data-testid="slide"][data-index="1"]');
      await swipe(page, [mid[0] + 100, mid[1]], [mid[0] - 100, mid[1]]);
      await page.waitForSelector('[data-testid="slide"][data-index="2"]');
      await swipe(page, [mid[0] - 100, mid[1]], [mid[0] + 100, mid[1]]);
      await page.waitForSelector('[data-testid="slide"][data-index="1"]');
      await swipe(page, [mid[0], mid[1] + 80], [mid[0] + 30, mid[1] - 80]);
      // The next key moves it on: the upward drag (a scroll, not a swipe) moved nothing.
      await page.keyboard.press('ArrowRight');
      await page.waitForSelector('[data-testid="slide"][data-index="2"]');
      assert.equal(await slideNumber(page), 3);
    }
    // "More" holds the slide list and the take-aways; Leave ends the deck.
    await page.tap('[data-testid="deck-more"]');
    await page.waitForSelector('[data-testid="export-pptx"]', { state: 'visible' });
    assert.deepEqual(await small(page, '.deck-more button, .deck-more label'), []);
    await page.tap('[data-testid="leave-deck"]');
    await page.waitForSelector('[data-testid="deck"]', { state: 'detached' });
    assert.deepEqual(page.problems(), []);
  });

  test(`at ${width}×${height}: a snapshot link made on a desktop opens readable`, async () => {
    const desk = await openPage(app.browser, `${app.url}#view=funnel&${Q2}`, { width: 1280, height: 720 });
    await desk.waitForSelector('[data-testid="funnel-stage"]', { timeout: 90000 });
    await desk.click('[data-testid="snapshot-button"]');
    await desk.waitForFunction(() => document.querySelector('[data-testid="snapshot-link"]')?.value.includes('snapshot=v1.'), null, { timeout: 60000 });
    const link = await desk.inputValue('[data-testid="snapshot-link"]');
    await desk.context().close();
    const page = await openPage(app.browser, link, { width, height, phone: true });
    await page.waitForSelector('[data-testid="funnel-stage"]', { timeout: 60000 });
    assert.equal((await page.textContent('[data-testid="menu-button"] .menu-current')).trim(), 'Funnel');
    for (const v of VIEWS) {
      await go(page, v, ['main h1']);
      const [scrollWidth, inner] = await layoutWidth(page);
      assert.equal(inner, width, `${v}: the snapshot is laid out at the screen's width`);
      assert.ok(scrollWidth <= width, `${v}: the snapshot is ${scrollWidth - width} px wider than the screen`);
      // Readable: body text at 14 px or more, and the note that says what this is.
      const tiny = await page.$$eval('main p, main li, main td, main th', (els) => els.filter((e) => e.getClientRects().length && e.textContent.trim() && parseFloat(getComputedStyle(e).fontSize) < 12).map((e) => e.textContent.trim().slice(0, 30)));
      assert.deepEqual(tiny, [], `${v}: text smaller than 12 px`);
      // The note that says what this is, folded under one line.
      assert.ok(await page.isVisible('[data-testid="summary-note-phone"] summary'));
    }
    await go(page, 'overview', ['.kpi']);
    const kpis = await page.$$eval('.kpi', (ks) => ks.map((k) => k.getBoundingClientRect().bottom));
    assert.ok(kpis.length === 6 && kpis.every((b) => b <= height), `the figures are on the first screen: ${kpis.map(Math.round)}`);
    await page.tap('[data-testid="summary-note-phone"] summary');
    assert.match(await page.textContent('[data-testid="summary-note-phone"] p'), /snapshot of the Clover demo organisation/);
    await screenshot(page, `phone-${width}-snapshot-overview`);
    // Its deck too.
    await openMenu(page);
    await page.tap('[data-testid="present-button"]');
    await page.waitForSelector('[data-testid="slide"][data-index="0"]');
    const slide = await page.$eval('[data-testid="slide"]', (s) => s.getBoundingClientRect().toJSON());
    assert.ok(slide.right <= width + 0.5 && slide.bottom <= height + 0.5);
    assert.deepEqual(page.problems(), []);
  });
}

test('at 390×844: a chart shows its tooltip on a tap, and charts follow their box when the phone turns', async () => {
  const page = await phone([390, 844], `view=funnel&${Q2}`);
  await page.waitForSelector('#chart-funnel canvas');
  await page.waitForSelector('#chart-funnel-monthly canvas');
  const box = await page.$eval('#chart-funnel', (el) => { el.scrollIntoView({ block: 'center' }); const r = el.getBoundingClientRect(); return { x: r.x, y: r.y, w: r.width, h: r.height }; });
  assert.ok(box.w <= 390);
  // The top of the funnel (this window's members) sits in the left quarter, near the top.
  await page.touchscreen.tap(box.x + box.w * 0.2, box.y + box.h * 0.16);
  await page.waitForFunction(() => [...document.querySelectorAll('#chart-funnel div')].some((d) => d.style.display !== 'none' && d.style.position === 'absolute' && /Workforce|Members/.test(d.textContent)), null, { timeout: 10000 });
  // Turned, every chart is as wide as its box again (the canvas follows the box).
  for (const [w, h] of [[844, 390], [390, 844]]) {
    await page.setViewportSize({ width: w, height: h });
    await page.waitForFunction(() => [...document.querySelectorAll('.chart')].every((c) => {
      const canvas = c.querySelector('canvas');
      return canvas && Math.abs(canvas.getBoundingClientRect().width - c.clientWidth) <= 1;
    }), null, { timeout: 10000 });
    const [scrollWidth] = await layoutWidth(page);
    assert.ok(scrollWidth <= w, `turned to ${w}×${h}, the page is ${scrollWidth} px wide`);
  }
  assert.deepEqual(page.problems(), []);
});

test('on a phone that asks for less motion, nothing moves', async () => {
  for (const reducedMotion of ['no-preference', 'reduce']) {
    const page = await phone([390, 844], `view=overview&${Q2}`, { reducedMotion });
    await openMenu(page);
    await page.tap('[data-testid="present-button"]');
    await page.waitForSelector('[data-testid="slide"][data-index="0"]');
    const moves = await page.$eval('[data-testid="slide"]', (s) => getComputedStyle(s).animationName !== 'none' && parseFloat(getComputedStyle(s).animationDuration) > 0);
    assert.equal(moves, reducedMotion === 'no-preference', `${reducedMotion}: the slide ${moves ? 'animates' : 'does not animate'}`);
    assert.deepEqual(page.problems(), []);
  }
});

test('axe-core finds no WCAG 2.2 A or AA violation on a phone, in both themes, menu and filters open and closed', async () => {
  const found = [];
  let checked = 0;
  for (const [size, themes] of [[[390, 844], ['light', 'dark']], [[360, 740], ['light']]]) {
    for (const colorScheme of themes) {
      const page = await phone(size, `view=overview&${Q2}`, { bypassCSP: true, colorScheme });
      await page.addScriptTag({ path: AXE });
      const audit = async (where) => {
        const v = await page.evaluate(async () => {
          const r = await window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] }, resultTypes: ['violations'] });
          return r.violations.map((x) => `${x.id} (${x.impact}): ${x.help}\n    ${x.nodes.map((n) => n.target.join(' ')).join('\n    ')}`);
        });
        found.push(...v.map((x) => `${size.join('×')} ${colorScheme} ${where}: ${x}`));
        checked++;
      };
      for (const v of VIEWS) {
        await go(page, v);
        await audit(v);
      }
      await page.tap('[data-testid="filters-toggle"]');
      await page.waitForSelector('form.filters', { state: 'visible' });
      await openMenu(page);
      await audit('menu and filters open');
      await page.tap('[data-testid="present-button"]');
      await page.waitForSelector('.slide-kind-journey canvas', { state: 'attached', timeout: 60000 });
      await audit('deck');
      await page.tap('[data-testid="deck-more"]');
      await audit('deck, More open');
      await page.context().close();
    }
  }
  assert.equal(checked, 27);
  assert.equal(found.length, 0, `axe-core found ${found.length} violation(s):\n${found.join('\n')}`);
});
