import { Resvg } from '@resvg/resvg-js';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { textWidth, vegaTextWidth } from './text-metrics.js';

/** The width of the ink of `text` as resvg draws it in DejaVu Sans (first to last non-white column). */
function inkWidth(text: string, fontSize: number, bold: boolean): number {
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="2000" height="${2 * fontSize}">` +
    `<rect width="2000" height="${2 * fontSize}" fill="white"/>` +
    `<text x="10" y="${1.4 * fontSize}" font-family="DejaVu Sans" font-size="${fontSize}"${bold ? ' font-weight="bold"' : ''}>${text}</text></svg>`;
  const png = PNG.sync.read(
    new Resvg(svg, { font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' } }).render().asPng(),
  );
  let first = -1;
  let last = -1;
  for (let x = 0; x < png.width; x++) {
    for (let y = 0; y < png.height; y++) {
      if (png.data[4 * (y * png.width + x)] < 200) {
        if (first < 0) first = x;
        last = x;
        break;
      }
    }
  }
  return last - first + 1;
}

describe('text widths', () => {
  const samples = [
    'fraction converged (basin measure)',
    'η_c = 2/λ* = 1.037 — λ_max(∇²L(θ_t)) ‖θ‖₂ · 95% Wilson interval',
    'Edge of stability: loss and sharpness along gradient descent',
  ];
  for (const bold of [false, true]) {
    it(`match the font as drawn (${bold ? 'bold' : 'regular'}), to within the side bearings`, () => {
      for (const text of samples) {
        const ink = inkWidth(text, 20, bold);
        const width = textWidth(text, 20, bold);
        // the advance includes a little space before the first and after the last glyph; kerning is ignored
        expect(width, text).toBeGreaterThanOrEqual(ink - 1);
        expect(width, text).toBeLessThanOrEqual(ink + 8);
      }
    });
  }

  it('read the item as vega does: 11 px by default, bold by weight', () => {
    expect(vegaTextWidth({}, 'abc')).toBeCloseTo(textWidth('abc', 11), 12);
    expect(vegaTextWidth({ fontSize: 15, fontWeight: 'bold' }, ' abc ')).toBeCloseTo(textWidth('abc', 15, true), 12);
    expect(vegaTextWidth({ fontSize: 12, fontWeight: 700 }, 'abc')).toBeCloseTo(textWidth('abc', 12, true), 12);
    expect(vegaTextWidth({ fontSize: 12 }, null)).toBe(0);
  });
});
