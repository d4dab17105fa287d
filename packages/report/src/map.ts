/** What a basin map shows, from the engine's computation (BasinMap). */
import type { BasinMap } from '@eos-sweep/engine';

/** Fraction of pixels with each outcome code. */
export function outcomeFractions(map: BasinMap): number[] {
  const counts = new Array<number>(5).fill(0);
  for (let q = 0; q < map.outcome.length; q++) counts[map.outcome[q]]++;
  return counts.map((c) => c / map.outcome.length);
}
