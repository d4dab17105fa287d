/**
 * Colours: the Okabe–Ito palette (Okabe & Ito, "Color Universal Design",
 * 2008), distinguishable under the common colour-vision deficiencies and in
 * greyscale by lightness. One outcome keeps one colour in every figure and
 * in the basin maps.
 */
import type { Outcome } from '@eos-sweep/core';

export const OKABE_ITO = {
  black: '#000000',
  orange: '#E69F00',
  skyBlue: '#56B4E9',
  bluishGreen: '#009E73',
  yellow: '#F0E442',
  blue: '#0072B2',
  vermillion: '#D55E00',
  reddishPurple: '#CC79A7',
} as const;

/** The order in which outcomes are stacked and listed. */
export const OUTCOME_ORDER = [
  'converged',
  'saddle',
  'periodic',
  'unresolved',
  'diverged',
] as const satisfies readonly Outcome[];

/** Outcome colours: converged blue, periodic orange, diverged vermillion, saddle purple, unresolved grey. */
export const OUTCOME_COLORS: Readonly<Record<Outcome, string>> = {
  converged: OKABE_ITO.blue,
  saddle: OKABE_ITO.reddishPurple,
  periodic: OKABE_ITO.orange,
  diverged: OKABE_ITO.vermillion,
  unresolved: '#8C8C8C',
};

/** Colours for several series (trace pairs), in order; black is kept for reference lines. */
export const SERIES_COLORS: readonly string[] = [
  OKABE_ITO.blue,
  OKABE_ITO.vermillion,
  OKABE_ITO.bluishGreen,
  OKABE_ITO.orange,
  OKABE_ITO.reddishPurple,
  OKABE_ITO.skyBlue,
  OKABE_ITO.yellow,
];

export function seriesColor(i: number): string {
  return SERIES_COLORS[i % SERIES_COLORS.length];
}

/** '#RRGGBB' → [r, g, b] in 0..255. */
export function rgbOf(hex: string): [number, number, number] {
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}
