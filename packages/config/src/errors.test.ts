import { describe, expect, it } from 'vitest';
import { ConfigError, describeValue, formatPath, isConfigError } from './errors.js';

describe('ConfigError', () => {
  it('carries a stable code, the field and its name', () => {
    const error = new ConfigError('sweep.eta.count', 'sweep.eta.count must be a positive integer');
    expect(error).toBeInstanceOf(Error);
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.name).toBe('ConfigError');
    expect(error.field).toBe('sweep.eta.count');
    expect(error.message).toBe('sweep.eta.count must be a positive integer');
  });

  it('forces the message onto one line', () => {
    const error = new ConfigError('name', 'a\nb\r\nc\u2028d\u2029e\vf');
    expect(error.message).toBe('a b c d e f');
  });

  it('is recognized by code after a structured clone', () => {
    const clone = structuredClone({ ...new ConfigError('seed', 'seed must be …'), message: 'seed must be …' });
    expect(clone instanceof ConfigError).toBe(false);
    expect(isConfigError(clone)).toBe(true);
    expect(isConfigError(new Error('x'))).toBe(false);
    expect(isConfigError(null)).toBe(false);
  });
});

describe('formatPath and describeValue', () => {
  it('joins keys with dots and indices with brackets', () => {
    expect(formatPath(['sweep', 'eta', 'count'])).toBe('sweep.eta.count');
    expect(formatPath(['data', 'X', 0, 2])).toBe('data.X[0][2]');
    expect(formatPath([])).toBe('');
  });

  it('describes values briefly on one line', () => {
    expect(describeValue(-3)).toBe('-3');
    expect(describeValue(Number.NaN)).toBe('NaN');
    expect(describeValue('21')).toBe('the string "21"');
    expect(describeValue('x'.repeat(100))).toHaveLength('the string ""'.length + 41);
    expect(describeValue('a\nb')).not.toMatch(/\n/);
    expect(describeValue([])).toBe('an empty list');
    expect(describeValue([1, 2])).toBe('a list of 2');
    expect(describeValue({})).toBe('a mapping');
    expect(describeValue(null)).toBe('null');
  });
});
