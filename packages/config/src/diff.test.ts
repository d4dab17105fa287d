import { describe, expect, it } from 'vitest';
import { configDifferences } from './diff.js';
import { resolveConfig } from './load.js';

describe('configDifferences', () => {
  it('is empty for equal configs, whatever the key order', () => {
    const a = resolveConfig({ seed: 3, sweep: { trajectories: 10 } });
    const b = resolveConfig({ sweep: { trajectories: 10 }, seed: 3 });
    expect(configDifferences(a, b)).toEqual([]);
  });

  it('names every differing leaf with both values, lists compared whole', () => {
    const a = resolveConfig({ seed: 3, sweep: { trajectories: 10 }, classify: { periods: [2, 4] } });
    const b = resolveConfig({ seed: 4, sweep: { trajectories: 20 }, classify: { periods: [2, 4, 8] } });
    expect(configDifferences(a, b)).toEqual([
      { key: 'classify.periods', a: '[2,4]', b: '[2,4,8]' },
      { key: 'seed', a: '3', b: '4' },
      { key: 'sweep.trajectories', a: '10', b: '20' },
    ]);
  });

  it('reports a key present on one side only, and a change of variant', () => {
    const a = resolveConfig({ data: { kind: 'point', x: [1], y: [2] } });
    const b = resolveConfig({ data: { kind: 'random', dIn: 1, dOut: 1, n: 5 } });
    const keys = configDifferences(a, b).map((d) => `${d.key}: ${d.a} → ${d.b}`);
    expect(keys).toContain('data.kind: "point" → "random"');
    expect(keys).toContain('data.x: [1] → absent');
    expect(keys).toContain('data.dIn: absent → 1');
  });
});
