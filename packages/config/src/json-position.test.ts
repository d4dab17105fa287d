import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonErrorOffset, jsonPathOffset } from './json-position.js';

describe('jsonErrorOffset', () => {
  it('accepts whatever JSON.stringify writes', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.boolean(), (value, pretty) => {
        expect(jsonErrorOffset(JSON.stringify(value, null, pretty ? 2 : 0))).toBe(-1);
      }),
    );
  });

  it('agrees with JSON.parse on random text', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'{}[]":,0123456789.eE+-truefalsn \n\\'.split('')) }), (text) => {
        let valid = true;
        try {
          JSON.parse(text);
        } catch {
          valid = false;
        }
        expect(jsonErrorOffset(text) === -1).toBe(valid);
      }),
      { numRuns: 2000 },
    );
  });

  it('points at the first bad character', () => {
    expect(jsonErrorOffset('{\n  "a": 1,\n}')).toBe(12);
    expect(jsonErrorOffset('{"a": tru}')).toBe(6);
    expect(jsonErrorOffset('[1, 2')).toBe(5);
    expect(jsonErrorOffset('{"a": 01}')).toBe(7);
    expect(jsonErrorOffset('"tab\there"')).toBe(4);
    expect(jsonErrorOffset('')).toBe(0);
  });
});

describe('jsonPathOffset', () => {
  it('finds the key at a path, and a list item by its index', () => {
    const text = '{"a": {"b": [10, {"c": 1}]}, "d": 2}';
    expect(jsonPathOffset(text, ['a'])).toBe(1);
    expect(jsonPathOffset(text, ['a', 'b'])).toBe(7);
    expect(jsonPathOffset(text, ['a', 'b', 0])).toBe(13);
    expect(jsonPathOffset(text, ['a', 'b', 1, 'c'])).toBe(18);
    expect(jsonPathOffset(text, ['d'])).toBe(29);
    expect(text.slice(jsonPathOffset(text, ['a', 'b', 1, 'c']))).toMatch(/^"c"/);
  });

  it('gives -1 for a path the text does not hold, or invalid JSON', () => {
    expect(jsonPathOffset('{"a": 1}', ['b'])).toBe(-1);
    expect(jsonPathOffset('{"a": 1}', ['a', 'x'])).toBe(-1);
    expect(jsonPathOffset('{"a": [1]}', ['a', 3])).toBe(-1);
    expect(jsonPathOffset('{"a": ', ['a', 'b'])).toBe(-1);
    expect(jsonPathOffset('{"a": 1}', [])).toBe(-1);
  });
});
