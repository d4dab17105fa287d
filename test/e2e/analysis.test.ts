import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { eosSweep, SMALL_CONFIG, tempDir, writeConfig } from './cli.js';
import { query } from './duckdb.js';

/** The ```sql blocks of the README's "Analysing results" section. */
function readmeSql(): string[] {
  const readme = readFileSync(fileURLToPath(new URL('../../README.md', import.meta.url)), 'utf8');
  const section = readme.slice(readme.indexOf('## Analysing results'));
  return [...section.matchAll(/```sql\n([\s\S]*?)```/g)].map((m) => m[1]);
}

describe("the README's DuckDB recipes", () => {
  const dir = tempDir('eos-analysis-');
  const out = join(dir, 'run');
  const config = writeConfig(dir, 'small.yaml', SMALL_CONFIG);
  const run = eosSweep(['run', config, '--out', out, '--workers', '2', '--quiet', '--no-report']);

  it('has three recipes, and each runs on a real run directory', async () => {
    expect(run.status).toBe(0);
    const recipes = readmeSql();
    expect(recipes).toHaveLength(3);
    const [basin, inits, mix] = await Promise.all(recipes.map((sql) => query(sql.replaceAll('runs/x', out))));
    expect(basin).toHaveLength(6);
    expect(basin.map((r) => r.eta)).toEqual([0.5, 0.9, 0.99, 1.05, 1.3, 1.6]);
    for (const r of basin) expect(r.p_converged_low as number).toBeLessThanOrEqual(r.p_converged as number);
    expect(inits).toHaveLength(300);
    // sorted by threshold, those that never converged last
    const thresholds = inits.map((r) => r.eta_max_converged as number | null);
    const firstNull = thresholds.indexOf(null);
    if (firstNull >= 0) expect(thresholds.slice(firstNull).every((t) => t === null)).toBe(true);
    const total = mix.reduce((s, r) => s + Number(r.n), 0);
    expect(total).toBe(1800);
    expect(mix.some((r) => r.outcome === 'periodic' && r.period === 2)).toBe(true);
  });
});
