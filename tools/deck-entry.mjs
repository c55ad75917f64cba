// The deck's exports, made in the page (nothing is uploaded): an editable PowerPoint built
// with PptxGenJS from the slides' words, numbers and chart images, and a PNG of a slide drawn
// by html-to-image. Bundled by tools/build-bundles.mjs into deck.clover.min.js, which the
// page loads only when a presenter first exports (src/views/deck_export.rs).
import PptxGenJS from 'pptxgenjs';
import { toPng } from 'html-to-image';

const INK = '1B2420';
const MUTED = '5A6761';
const ACCENT = '1F7A4D';

/**
 * Builds and downloads `filename` from `spec`:
 * { title, slides: [{ kind, title, subtitle?, figures?: [{ label, value, sub, change }],
 *   lines?: [string], image?: dataURL, imageRatio?: width/height, notes: [string] }] }.
 * Titles and numbers stay text (editable); charts are images.
 */
async function pptx(spec, filename) {
  const deck = new PptxGenJS();
  deck.layout = 'LAYOUT_WIDE'; // 13.33 × 7.5 in, 16:9
  deck.title = spec.title;
  deck.company = 'Clover';
  for (const s of spec.slides) {
    const slide = deck.addSlide();
    slide.background = { color: 'FFFFFF' };
    if (s.kind === 'title') {
      slide.addText(spec.title, { x: 0.7, y: 1.6, w: 11.9, h: 1.6, fontSize: 40, bold: true, color: INK, fontFace: 'Calibri' });
      slide.addText(s.title, { x: 0.7, y: 3.3, w: 11.9, h: 1.0, fontSize: 24, color: ACCENT, fontFace: 'Calibri' });
      if (s.lines?.length) {
        slide.addText(s.lines.join('\n'), { x: 0.7, y: 4.5, w: 11.9, h: 1.8, fontSize: 16, color: MUTED, fontFace: 'Calibri', valign: 'top' });
      }
      slide.addNotes(s.notes.join('\n'));
      continue;
    }
    slide.addText(s.title, { x: 0.5, y: 0.3, w: 12.3, h: 1.3, fontSize: 26, bold: true, color: INK, fontFace: 'Calibri', valign: 'top', fit: 'shrink' });
    const top = 1.75;
    const height = 7.5 - top - 0.4;
    const hasImage = Boolean(s.image);
    const hasSide = Boolean(s.lines?.length || s.figures?.length);
    if (s.figures?.length) {
      const cols = 3;
      const w = (12.3 - 0.3 * (cols - 1)) / cols;
      const h = 2.4;
      s.figures.forEach((f, i) => {
        const x = 0.5 + (i % cols) * (w + 0.3);
        const y = top + Math.floor(i / cols) * (h + 0.3);
        slide.addShape(deck.ShapeType.rect, { x, y, w, h, fill: { color: 'F7F8F6' }, line: { color: 'D9DFDB' } });
        slide.addText(
          [
            { text: f.label, options: { fontSize: 16, color: MUTED, breakLine: true } },
            { text: f.value, options: { fontSize: 40, bold: true, color: INK, breakLine: true } },
            { text: f.sub || ' ', options: { fontSize: 14, color: MUTED, breakLine: true } },
            { text: f.change || ' ', options: { fontSize: 14, color: ACCENT } },
          ],
          { x: x + 0.15, y: y + 0.1, w: w - 0.3, h: h - 0.2, valign: 'top', fontFace: 'Calibri' },
        );
      });
    }
    if (hasImage) {
      const ratio = s.imageRatio || 2;
      const maxW = hasSide ? 7.4 : 12.3;
      let w = maxW;
      let h = w / ratio;
      if (h > height) {
        h = height;
        w = h * ratio;
      }
      slide.addImage({ data: s.image, x: 0.5, y: top, w, h });
    }
    if (s.lines?.length) {
      const x = hasImage ? 8.1 : 0.5;
      const w = hasImage ? 4.7 : 12.3;
      slide.addText(
        s.lines.map((l) => ({ text: l, options: { bullet: true, breakLine: true } })),
        { x, y: top, w, h: height, fontSize: hasImage ? 15 : 20, color: INK, fontFace: 'Calibri', valign: 'top', paraSpaceAfter: 6, fit: 'shrink' },
      );
    }
    slide.addNotes(s.notes.join('\n'));
  }
  await deck.writeFile({ fileName: filename });
}

/** Downloads `element` (a slide at its 1920×1080 design size) as a PNG called `filename`. */
async function png(element, filename, background) {
  const url = await toPng(element, {
    width: 1920,
    height: 1080,
    pixelRatio: 1,
    backgroundColor: background,
    // The slide is drawn at its design size, whatever the stage's scale on screen.
    style: { transform: 'none', position: 'static', visibility: 'visible' },
  });
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.click();
}

window.CloverDeck = { pptx, png };
