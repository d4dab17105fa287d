import { resolveConfig } from '@eos-sweep/config';
import type { TrajectoryResult } from '@eos-sweep/core';
import { OUTCOME_CODE, TrajectoryRunner } from '@eos-sweep/core';
import { describe, expect, it } from 'vitest';
import { prepareSweep } from '../problem.js';
import { initializationOf } from '../worker-setup.js';

/**
 * The adaptive sweep raises a step size's budget by re-running only its unresolved rows, and reports the
 * larger budget for every row there. That is right only if a row resolved under a budget ends the same way,
 * to the bit, under any larger one.
 */
describe('a larger step budget', () => {
  it('changes no row that resolved under the smaller one, and resolves some that did not', async () => {
    const prepared = await prepareSweep(resolveConfig(undefined), process.cwd());
    const run = (maxSteps: number, eta: number) => {
      const runner = new TrajectoryRunner(prepared.problem, { ...prepared.setup.trajectory, maxSteps });
      const results: TrajectoryResult[] = [];
      runner.runMany(
        eta,
        48,
        (k, theta) => initializationOf(prepared.setup, prepared.problem.layout, k, theta),
        (k, result) => {
          results[k] = { ...result };
        },
      );
      return results;
    };
    let resolvedLater = 0;
    let compared = 0;
    // slow on both sides of η_c = 1, and chaotic far above it
    for (const eta of [0.995, 1.003, 1.4]) {
      const small = run(300, eta);
      const large = run(3000, eta);
      small.forEach((row, k) => {
        if (row.outcome === OUTCOME_CODE.unresolved) {
          if (large[k].outcome !== OUTCOME_CODE.unresolved) resolvedLater++;
        } else {
          expect(large[k], `η ${eta}, k ${k}`).toEqual(row);
          compared++;
        }
      });
    }
    expect(resolvedLater).toBeGreaterThan(0);
    expect(compared).toBeGreaterThan(16);
  });
});
