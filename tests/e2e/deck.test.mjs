// The leadership review as a presenter uses it: the deck fits the screen at 1280×720 and
// 1920×1080 with large type, the keys move through it, slides can be hidden and the link
// keeps the choice, printing gives one page per slide, the PowerPoint holds every slide with
// its numbers as text and its notes, a slide downloads as a 1920×1080 PNG, and names are
// pseudonymised unless the presenter turns them on.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync, strFromU8 } from 'fflate';
import { startApp, openPage, screenshot } from './harness.mjs';
import { clover } from './app.mjs';

const app = startApp();
const tmp = mkdtempSync(join(tmpdir(), 'clover-e2e-deck-'));
const HASH = 'view=overview&data=demo&from=2025-01-01&to=2025-03-31&cmp=previous';
let expected;
before(async () => {
  const demo = join(tmp, 'demo.json');
  clover(['demo', '--out', demo]);
  expected = JSON.parse(clover(['analyze', demo, '--from', '2025-01-01', '--to', '2025-03-31', '--compare', 'previous', '--journey', 'quarter', '--json']));
});

/** Opens the demo at the Q1 link and starts the deck. */
async function present(options = {}, hash = HASH) {
  const page = await openPage(app.browser, `${app.url}#${hash}`, { acceptDownloads: true, ...options });
  await page.waitForSelector('.kpis', { timeout: 90000 });
  await page.click('[data-testid="present-button"]');
  await page.waitForSelector('[data-testid="slide"][data-index="0"]');
  // The deck asks for the journey and the segments: wait until their slides have them.
  await page.waitForSelector('.slide-kind-journey canvas', { state: 'attached', timeout: 60000 });
  return page;
}

async function slideCount(page) {
  return Number((await page.textContent('[data-testid="slide-count"]')).split('/')[1]);
}

const normal = (s) => s.replace(/\u00a0/g, ' ');

for (const [width, height] of [[1280, 720], [1920, 1080]]) {
  test(`at ${width}×${height} every slide fits the window, with the core's sentence as its title`, async () => {
    for (const colorScheme of ['light', 'dark']) {
      const page = await present({ width, height, colorScheme });
      const n = await slideCount(page);
      assert.ok(n >= 8, `${n} slides`);
      for (let i = 0; i < n; i++) {
        const m = await page.evaluate(() => {
          const s = document.querySelector('[data-testid="slide"]');
          const body = s.querySelector('.slide-body');
          const title = s.querySelector('[data-testid="slide-title"]');
          const scale = s.getBoundingClientRect().height / s.offsetHeight;
          const px = (el) => parseFloat(getComputedStyle(el).fontSize) * scale;
          return {
            index: Number(s.dataset.index),
            kind: s.dataset.kind,
            doc: [document.documentElement.scrollWidth, document.documentElement.scrollHeight],
            fits: body.scrollHeight <= body.clientHeight + 1 && s.scrollHeight <= s.clientHeight + 1,
            inside: s.getBoundingClientRect().bottom <= innerHeight + 1 && s.getBoundingClientRect().right <= innerWidth + 1,
            title: title.textContent,
            titlePx: px(title.tagName === 'H2' ? title : s.querySelector('.deck-title-input')),
            bodyPx: px(body.querySelector('p, td, .figure-label, .leaf-label, dd, li') || body),
          };
        });
        assert.equal(m.index, i);
        assert.ok(m.doc[0] <= width && m.doc[1] <= height, `slide ${i} (${m.kind}): the document scrolls: ${m.doc}`);
        assert.ok(m.fits && m.inside, `slide ${i} (${m.kind}) does not fit`);
        const core = expected.slides.find((s) => s.kind === m.kind);
        assert.equal(normal(m.title), core.title, `slide ${i} (${m.kind}) is titled with the core's sentence`);
        if (width === 1920) {
          assert.ok(m.titlePx >= 40, `slide ${i} (${m.kind}) title ${m.titlePx}px`);
          assert.ok(m.bodyPx >= 20, `slide ${i} (${m.kind}) body ${m.bodyPx}px`);
        }
        await screenshot(page, `deck-${width}-${colorScheme}-${String(i + 1).padStart(2, '0')}-${m.kind}`);
        await page.keyboard.press('ArrowRight');
      }
      assert.deepEqual(page.problems(), []);
      await page.context().close();
    }
  });
}

test('the keys move through the deck, the notes hold the numbers, Escape leaves', async () => {
  const page = await present();
  const n = await slideCount(page);
  await page.keyboard.press('End');
  await page.waitForSelector(`[data-testid="slide"][data-index="${n - 1}"]`);
  await page.keyboard.press('Home');
  await page.waitForSelector('[data-testid="slide"][data-index="0"]');
  await page.keyboard.press('PageDown');
  await page.keyboard.press('Space');
  await page.waitForSelector('[data-testid="slide"][data-index="2"]');
  await page.keyboard.press('PageUp');
  await page.waitForSelector('[data-testid="slide"][data-index="1"]');
  // Notes of the headline slide: the funnel's numbers.
  await page.keyboard.press('n');
  const notes = normal(await page.textContent('[data-testid="speaker-notes"]'));
  const members = expected.funnel.find((f) => f.stage === 'members').count.toLocaleString('en');
  assert.ok(notes.includes(`Members: ${members}.`), notes);
  await page.keyboard.press('Escape');
  await page.waitForSelector('[data-testid="deck"]', { state: 'detached' });
  assert.ok(await page.$('.kpis'));
  assert.deepEqual(page.problems(), []);
  await page.context().close();
});

test('slides can be hidden and reordered, and the link keeps the choice', async () => {
  const page = await present();
  const n = await slideCount(page);
  await page.click('[data-testid="deck-slides"]');
  await page.uncheck('[data-slide="definitions"] input[type="checkbox"]');
  await page.click('[data-slide="clover"] button[aria-label^="Move"][aria-label$="up"]');
  assert.equal(await slideCount(page), n - 1);
  const hash = await page.evaluate(() => location.hash);
  assert.match(hash, /slides=title,headlines,clover,funnel,/);
  assert.ok(!/definitions/.test(/slides=([^&]*)/.exec(hash)[1]));
  // The same link in a fresh browser gives the same deck.
  const again = await present({}, hash.slice(1));
  assert.equal(await slideCount(again), n - 1);
  await again.keyboard.press('ArrowRight');
  await again.keyboard.press('ArrowRight');
  assert.equal(await again.getAttribute('[data-testid="slide"]', 'data-kind'), 'clover');
  await page.context().close();
  await again.context().close();
});

test('printing the deck gives one landscape 16:9 page per slide', async () => {
  const page = await present();
  const n = await slideCount(page);
  const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
  const text = pdf.toString('latin1');
  const pages = (text.match(/\/Type\s*\/Page[^s]/g) || []).length;
  assert.equal(pages, n, `${pages} PDF pages for ${n} slides`);
  const box = /\/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]/.exec(text);
  assert.ok(box && Math.abs(Number(box[1]) / Number(box[2]) - 16 / 9) < 0.01, `page size ${box?.[1]}×${box?.[2]}`);
  await page.context().close();
});

test('the PowerPoint holds every slide, its numbers as text and its notes; a slide saves as a PNG', async () => {
  const page = await present();
  const n = await slideCount(page);
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60000 }), page.click('[data-testid="export-pptx"]')]);
  assert.match(download.suggestedFilename(), /\.pptx$/);
  const file = join(tmp, 'deck.pptx');
  await download.saveAs(file);
  const zip = unzipSync(readFileSync(file));
  const slides = Object.keys(zip).filter((k) => /^ppt\/slides\/slide\d+\.xml$/.test(k));
  assert.equal(slides.length, n, `${slides.length} slides in the .pptx`);
  const xml = slides.map((k) => strFromU8(zip[k])).join('\n');
  // What the slides say: their text runs (<a:t>), each slide's joined, not the XML around them,
  // whose offsets and sizes are full of digits. A number counts as a whole number there.
  const said = slides.map((k) => [...strFromU8(zip[k]).matchAll(/<a:t(?:\s[^>]*)?>([^<]*)<\/a:t>/g)].map((m) => m[1]).join(' '));
  const says = (number) => said.some((t) => new RegExp(`(^|[^\\d,.])${number.replace(/[.,]/g, '\\$&')}([^\\d,]|$)`).test(t));
  const count = (stage) => expected.funnel.find((f) => f.stage === stage).count.toLocaleString('en');
  for (const stage of ['members', 'contributors', 'champions']) assert.ok(says(count(stage)), `the ${stage} count (${count(stage)}) as text`);
  assert.ok(says(String(Math.round(expected.clover.overall))), `the Clover score (${Math.round(expected.clover.overall)}) as text`);
  const headline = expected.slides.find((s) => s.kind === 'funnel').title;
  assert.ok(xml.includes(headline.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')), 'the funnel slide keeps its sentence');
  assert.ok(Object.keys(zip).some((k) => /^ppt\/media\/image/.test(k)), 'charts as images');
  const notes = Object.keys(zip).filter((k) => /^ppt\/notesSlides\/notesSlide\d+\.xml$/.test(k)).map((k) => strFromU8(zip[k])).join('\n');
  assert.ok(notes.includes(`Members: ${count('members')}.`), 'speaker notes with the numbers');

  const [png] = await Promise.all([page.waitForEvent('download', { timeout: 60000 }), page.click('[data-testid="export-png"]')]);
  const bytes = readFileSync(await png.path());
  assert.equal(bytes.subarray(1, 4).toString('latin1'), 'PNG');
  assert.deepEqual([bytes.readUInt32BE(16), bytes.readUInt32BE(20)], [1920, 1080]);
  assert.deepEqual(page.problems(), []);
  await page.context().close();
});

test('slides show pseudonyms unless the presenter turns real names on', async () => {
  const page = await present();
  const names = await page.$$eval('[data-testid="deck-champion"] th', (t) => t.map((x) => x.textContent));
  assert.ok(names.length > 0 && names.every((x) => /^Person \d+$/.test(x)), names.join(', '));
  await page.check('[data-testid="deck-names"]');
  await page.waitForFunction(() => [...document.querySelectorAll('[data-testid="deck-champion"] th')].some((t) => !/^Person \d+$/.test(t.textContent)));
  const real = await page.$$eval('[data-testid="deck-champion"] th', (t) => t.map((x) => x.textContent));
  assert.deepEqual(real, expected.leaderboard.slice(0, real.length).map((r) => r.name));
  await page.context().close();
});
