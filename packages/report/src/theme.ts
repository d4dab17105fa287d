/**
 * The look shared by every figure. Pure: no Node imports (the specs render
 * in a browser as well).
 */
import type { Config } from 'vega-lite';
import { SERIES_COLORS } from './palette.js';

/** PNGs are drawn at this multiple of the SVG's size (crisp on high-density screens and in slides). */
export const PNG_SCALE = 2;

/** DejaVu Sans is what Debian's fonts-dejavu-core installs; browsers fall back to their sans-serif. */
const FONT_FAMILY = 'DejaVu Sans, Verdana, Helvetica, Arial, sans-serif';

/** The look shared by every figure: readable sizes, light grid, no bold axis titles. */
export const VEGA_CONFIG: Config = {
  font: FONT_FAMILY,
  background: 'white',
  padding: 10,
  axis: {
    labelFontSize: 12,
    titleFontSize: 13,
    titleFontWeight: 'normal',
    gridColor: '#e8e8e8',
    domainColor: '#666',
    tickColor: '#666',
    labelColor: '#222',
    titleColor: '#222',
  },
  legend: { labelFontSize: 12, titleFontSize: 13, titleFontWeight: 'normal', symbolStrokeWidth: 2, labelLimit: 320 },
  // subtitle lines 16 px apart: 12 px text is about 14 px tall, and lines closer than 1.2 em touch
  title: {
    fontSize: 15,
    fontWeight: 'bold',
    anchor: 'start',
    subtitleFontSize: 12,
    subtitleLineHeight: 16,
    subtitleColor: '#444',
    offset: 10,
  },
  view: { stroke: '#bbb' },
  range: { category: [...SERIES_COLORS] },
};
