import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bytes, eosSweep, tempDir, writeConfig } from './cli.js';
import { query } from './duckdb.js';

// Each initialization's λ_max is computed once per block of initializations by whichever worker meets the
// block first, and looked up at the other step sizes: the files must not depend on who computed what.
const dir = tempDir('eos-initial-sharpness-');
const SHAPES = {
  // 12 parameters: the dense eigendecomposition
  dense: '{ depth: 2, hidden: 3 }',
  // 4·8 + 8·8 + 8·3 = 120 parameters: Lanczos
  lanczos: '{ depth: 3, hidden: 8 }',
};
const FILES = ['trajectories.parquet', 'summary.parquet', 'initializations.parquet'];

describe.each(Object.entries(SHAPES))('initial sharpness, %s path (end to end)', (name, model) => {
  const config = writeConfig(
    dir,
    `${name}.yaml`,
    `
name: ${name}
seed: 3
model: ${model}
data: { kind: random, dIn: 4, dOut: 3, n: 20, whiten: false, noise: 0.1, seed: 5 }
init: { kind: gaussian, std: 0.5 }
sweep:
  eta: { values: [0.3, 0.8, 0.97, 1.1, 1.4] }
  relative: true
  trajectories: 24
  maxSteps: 300
`,
  );
  const run = (out: string, ...args: string[]) => {
    const r = eosSweep(['run', config, '--out', join(dir, `${name}-${out}`), '--quiet', ...args]);
    expect(r.status, r.stderr).toBe(0);
    return join(dir, `${name}-${out}`);
  };

  it('gives the same bytes for any worker count, task size and sharding', () => {
    const reference = run('one', '--workers', '1', '--task-size', '40');
    const variants = [
      run('two', '--workers', '2', '--task-size', '7'),
      run('three', '--workers', '2', '--task-size', '3'),
    ];
    const shards = [0, 1].map((i) => run(`shard${i}`, '--workers', '1', '--task-size', '6', '--shard', `${i}/2`));
    const merged = join(dir, `${name}-merged`);
    expect(eosSweep(['merge', ...shards, '--out', merged, '--quiet']).status).toBe(0);
    variants.push(merged);
    for (const out of variants) {
      for (const f of FILES) expect(bytes(join(out, f)).equals(bytes(join(reference, f))), `${out}/${f}`).toBe(true);
    }
    expect(JSON.parse(readFileSync(join(reference, 'run.json'), 'utf8')).counts.trajectories).toBe(120);
  });

  it('records one initial sharpness per initialization, at every step size', async () => {
    const rows = await query(
      `SELECT count(DISTINCT sharpness_initial)::INT AS values, count(*)::INT AS n, min(sharpness_initial) AS low
         FROM read_parquet('${join(dir, `${name}-one`, 'trajectories.parquet')}') GROUP BY trajectory`,
    );
    expect(rows).toHaveLength(24);
    for (const row of rows) {
      expect(row.values).toBe(1);
      expect(row.n).toBe(5);
      expect(row.low as number).toBeGreaterThan(0);
    }
  });
});
