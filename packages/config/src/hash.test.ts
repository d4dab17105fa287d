import { describe, expect, it } from 'vitest';
import { canonicalJson, configHash } from './hash.js';
import { resolveConfig } from './load.js';

describe('canonicalJson', () => {
  it('sorts keys recursively and keeps array order', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, 1], c: 'x' } })).toBe('{"a":{"c":"x","d":[3,1]},"b":1}');
  });

  it('follows JSON for undefined and toJSON', () => {
    expect(canonicalJson({ a: undefined, b: [undefined] })).toBe('{"b":[null]}');
    expect(canonicalJson({ t: new Date(0) })).toBe('{"t":"1970-01-01T00:00:00.000Z"}');
    expect(canonicalJson(Float64Array.of(1, 0.5))).toBe('[1,0.5]');
  });

  it('refuses values JSON cannot represent', () => {
    expect(() => canonicalJson({ a: Number.NaN })).toThrow(TypeError);
    expect(() => canonicalJson({ a: Infinity })).toThrow(TypeError);
    expect(() => canonicalJson({ a: 1n })).toThrow(TypeError);
    const loop: Record<string, unknown> = {};
    loop.self = loop;
    expect(() => canonicalJson(loop)).toThrow(/circular/);
  });

  it('allows shared (non-circular) references', () => {
    const shared = [1];
    expect(canonicalJson({ a: shared, b: shared })).toBe('{"a":[1],"b":[1]}');
  });
});

describe('configHash', () => {
  it('is a sha256 hex digest, stable under key order', () => {
    const config = resolveConfig(undefined);
    const reversed = reverseKeys(config) as typeof config;
    expect(JSON.stringify(reversed)).not.toBe(JSON.stringify(config));
    expect(configHash(config)).toMatch(/^[0-9a-f]{64}$/);
    expect(configHash(reversed)).toBe(configHash(config));
  });

  it('differs when any value changes', () => {
    const base = configHash(resolveConfig(undefined));
    expect(configHash(resolveConfig(undefined, ['sweep.trajectories=999']))).not.toBe(base);
    expect(configHash(resolveConfig(undefined, ['classify.periods=[2, 4, 8]']))).not.toBe(base);
    expect(configHash(resolveConfig(undefined, ['seed=43']))).not.toBe(base);
    expect(configHash(resolveConfig(undefined, ['record.weights=true']))).not.toBe(base);
    expect(configHash(resolveConfig(undefined, ['classify.gradTol=1.0000000001e-10']))).not.toBe(base);
  });

  it('matches sha256 of the canonical JSON', async () => {
    const { createHash } = await import('node:crypto');
    const config = resolveConfig(undefined);
    expect(configHash(config)).toBe(createHash('sha256').update(canonicalJson(config)).digest('hex'));
  });
});

function reverseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reverseKeys);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value)
        .reverse()
        .map(([k, v]) => [k, reverseKeys(v)]),
    );
  }
  return value;
}
