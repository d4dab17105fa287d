#!/usr/bin/env node
/**
 * What an adaptive sweep saved: its GD steps and wall time against two fixed grids that would answer the same
 * question, each giving every step size the trajectory count its worst-case p needs for ±halfWidth
 * (z²/(4·halfWidth²): 2401 for ±0.02, 9604 for ±0.01):
 *   (a) a uniform grid over the configured range, spaced thresholdTolerance·η_c (the same threshold resolution);
 *   (b) a grid on the adaptive run's own final step sizes (as if it had known where to refine).
 * The fixed grids are computed, not run: a fixed run at budget sweep.maxSteps from the same initializations
 * takes min(steps, maxSteps) steps per row (a row resolved within the budget ends the same way), so the mean of
 * that over the adaptive run's rows at η is its per-trajectory cost there; between step sizes it is
 * interpolated linearly. Wall time is not estimated here: a fixed run's rate (steps per second) differs from
 * the adaptive run's; run (b) at a tenth of the trajectories to time it (the command is printed).
 *
 *   node tools/study/adaptive-cost.mjs RUN_DIR [--json]
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';

const dir = process.argv[2];
if (!dir) {
  console.error('usage: adaptive-cost.mjs RUN_DIR [--json]');
  process.exit(2);
}
const record = JSON.parse(readFileSync(join(dir, 'run.json'), 'utf8'));
const settings = record.config.sweep.adaptive;
if (!record.adaptive || !settings) {
  console.error(`${dir} is not an adaptive run`);
  process.exit(2);
}
const maxSteps = record.config.sweep.maxSteps;
const etaCritical = record.theory.etaCritical;
const z = 1.959963984540054;
const perStepSize = Math.ceil((z * z) / (4 * settings.halfWidth ** 2) - 1e-9);

const instance = await DuckDBInstance.create(':memory:');
const connection = await instance.connect();
const reader = await connection.runAndReadAll(
  `SELECT eta, avg(least(steps, ${maxSteps}))::DOUBLE AS mean FROM '${join(dir, 'trajectories.parquet')}' GROUP BY eta ORDER BY eta`,
);
const means = reader.getRowObjectsJS().map((r) => ({ eta: Number(r.eta), mean: Number(r.mean) }));
connection.closeSync();
instance.closeSync();

function meanAt(eta) {
  if (eta <= means[0].eta) return means[0].mean;
  for (let i = 1; i < means.length; i++) {
    if (eta <= means[i].eta) {
      const a = means[i - 1];
      const b = means[i];
      return a.mean + ((eta - a.eta) / (b.eta - a.eta)) * (b.mean - a.mean);
    }
  }
  return means[means.length - 1].mean;
}

const adaptiveSteps = record.adaptive.rounds.reduce((s, r) => s + r.steps, 0);
const adaptiveTrajectories = record.adaptive.rounds.reduce((s, r) => s + r.trajectories, 0);
const seconds = record.performance?.seconds ?? Number.NaN;

const grid = record.plan.etas;
const low = Math.min(...grid);
const high = Math.max(...grid);
const spacing = settings.thresholdTolerance * (etaCritical ?? low);
const uniformCount = Math.floor((high - low) / spacing + 1e-9) + 1;
let uniformSteps = 0;
for (let i = 0; i < uniformCount; i++) uniformSteps += perStepSize * meanAt(low + i * spacing);
const ownSteps = perStepSize * means.reduce((s, m) => s + m.mean, 0);

const result = {
  run: dir,
  halfWidth: settings.halfWidth,
  trajectoriesPerFixedStepSize: perStepSize,
  adaptive: {
    stepSizes: means.length,
    rounds: record.adaptive.rounds.length,
    trajectories: adaptiveTrajectories,
    steps: adaptiveSteps,
    seconds,
  },
  uniformGrid: {
    stepSizes: uniformCount,
    spacing,
    trajectories: uniformCount * perStepSize,
    steps: uniformSteps,
    ratio: uniformSteps / adaptiveSteps,
  },
  ownGrid: {
    stepSizes: means.length,
    trajectories: means.length * perStepSize,
    steps: ownSteps,
    ratio: ownSteps / adaptiveSteps,
  },
  bracket: record.adaptive.threshold,
};
if (process.argv.includes('--json')) console.log(JSON.stringify(result, null, 2));
else {
  const e = (x) => x.toExponential(2);
  console.log(`${dir}: ±${settings.halfWidth}, fixed grids at ${perStepSize} trajectories per step size`);
  console.log(
    `adaptive: ${means.length} step sizes, ${result.adaptive.rounds} rounds, ${adaptiveTrajectories} trajectories, ${e(adaptiveSteps)} GD steps, ${seconds.toFixed(1)} s`,
  );
  console.log(
    `(a) uniform grid, ${uniformCount} step sizes (spacing ${spacing.toPrecision(3)}): ${e(uniformSteps)} GD steps — ${result.uniformGrid.ratio.toFixed(1)}× the adaptive run`,
  );
  console.log(
    `(b) grid on the adaptive step sizes: ${e(ownSteps)} GD steps — ${result.ownGrid.ratio.toFixed(1)}× the adaptive run`,
  );
  console.log(
    `bracket: ${record.adaptive.threshold.statement}; contains η_c: ${record.adaptive.threshold.containsEtaCritical}`,
  );
  const etas = means.map((m) => m.eta).join(',');
  console.log(
    `time (b) at a tenth: eos-sweep run CONFIG --set sweep.relative=false --set 'sweep.eta.values=[${etas}]' --set sweep.trajectories=${Math.round(perStepSize / 10)}`,
  );
}
