/**
 * Layout checks of rendered figures in a real browser: a page holding the
 * SVGs and a script that writes every text line's, legend symbol's and
 * reference line's box (getBoundingClientRect) into the DOM, which
 * `chromium --dump-dom` prints; then the checks, in Node.
 */
import { scopeSvgIds } from '../../packages/report/src/svg.js';

/** Reference lines that labels must not sit on (the names of their layers). */
const REFERENCE_RULES = ['eta_c_rule', 'lambda_star_rule', 'two_over_eta_rule', 'map_x_rule'];

/** [left, top, right, bottom] in CSS pixels. */
type Box = [number, number, number, number];

interface MeasuredText {
  readonly text: string;
  /** Font size in px. */
  readonly size: number;
  /** One box per line (a multi-line text has one per tspan). */
  readonly lines: Box[];
}

export interface MeasuredFigure {
  readonly name: string;
  readonly texts: MeasuredText[];
  readonly symbols: Box[];
  readonly rules: { name: string; box: Box }[];
}

// runs in the browser; labels vega hid to avoid overlaps have opacity 0
const MEASURE = `
const rules = ${JSON.stringify(REFERENCE_RULES)};
const box = (el) => { const r = el.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; };
const figures = [...document.querySelectorAll('svg[data-figure]')].map((svg) => ({
  name: svg.dataset.figure,
  texts: [...svg.querySelectorAll('text')]
    .filter((t) => t.getAttribute('opacity') !== '0' && t.textContent.trim() !== '')
    .map((t) => {
      const spans = [...t.querySelectorAll('tspan')];
      return { text: t.textContent, size: parseFloat(getComputedStyle(t).fontSize), lines: (spans.length ? spans : [t]).map(box) };
    }),
  symbols: [...svg.querySelectorAll('.role-legend-symbol path')].map(box),
  rules: rules.flatMap((name) => [...svg.querySelectorAll('.' + name + '_marks > *')].map((l) => ({ name, box: box(l) }))),
}));
const pre = document.createElement('pre');
pre.id = 'layout';
pre.textContent = JSON.stringify(figures);
document.body.append(pre);
`;

/** An HTML page with the figures at their own size, one under the other, and the measuring script. */
export function layoutPage(figures: readonly { name: string; svg: string }[]): string {
  const body = figures
    .map(({ name, svg }) => scopeSvgIds(svg, name).replace(/<svg\b/, `<svg data-figure="${name}"`))
    .join('\n');
  return (
    '<!DOCTYPE html><html><head><meta charset="utf-8"><style>body { margin: 0 } svg { display: block }</style></head>' +
    `<body>${body}<script>${MEASURE}</script></body></html>`
  );
}

/** The measurements from the page's dumped DOM. */
export function readLayout(dom: string): MeasuredFigure[] {
  const text = /<pre id="layout">([\s\S]*?)<\/pre>/.exec(dom)?.[1];
  if (text === undefined) throw new Error('the layout page wrote no measurements');
  const unescaped = text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
  return JSON.parse(unescaped);
}

/**
 * Whether text box `a`, less `slack` px on every side, meets box `b`: more
 * than a touch. `b` may be a reference line, with zero width or height.
 */
function overlaps(a: Box, b: Box, slack = 0.5): boolean {
  const [left, top, right, bottom] = [a[0] + slack, a[1] + slack, a[2] - slack, a[3] - slack];
  return Math.min(right, b[2]) >= Math.max(left, b[0]) && Math.min(bottom, b[3]) >= Math.max(top, b[1]);
}

/** Lines of one text this many font sizes apart or more do not touch. */
const MIN_LINE_SPACING = 1.2;

/**
 * Everything that is printed over something else: two text lines, a text
 * and a legend symbol, a text and a reference line; and the lines of one
 * text set closer than {@link MIN_LINE_SPACING} em.
 */
export function collisions(figure: MeasuredFigure): string[] {
  const out: string[] = [];
  const lines = figure.texts.flatMap((t, i) => t.lines.map((box, j) => ({ text: t.text, owner: i, line: j, box })));
  for (let a = 0; a < lines.length; a++) {
    for (let b = a + 1; b < lines.length; b++) {
      if (overlaps(lines[a].box, lines[b].box)) out.push(`text "${lines[a].text}" × text "${lines[b].text}"`);
    }
    for (const symbol of figure.symbols) {
      if (overlaps(lines[a].box, symbol)) out.push(`text "${lines[a].text}" × a legend symbol`);
    }
    for (const rule of figure.rules) {
      if (overlaps(lines[a].box, rule.box)) out.push(`text "${lines[a].text}" × ${rule.name}`);
    }
  }
  for (const t of figure.texts) {
    for (let j = 1; j < t.lines.length; j++) {
      const [p, q] = [t.lines[j - 1], t.lines[j]];
      const apart = Math.max(Math.abs((p[0] + p[2] - q[0] - q[2]) / 2), Math.abs((p[1] + p[3] - q[1] - q[3]) / 2));
      if (apart < MIN_LINE_SPACING * t.size) {
        out.push(`lines of "${t.text}" ${apart.toFixed(1)} px apart (< ${MIN_LINE_SPACING}·${t.size} px)`);
      }
    }
  }
  return out.map((c) => `${figure.name}: ${c}`);
}
