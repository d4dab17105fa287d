import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { editDistance, nearestKey } from './suggest.js';

/** Plain recursion over the definition, for comparison on short strings. */
function slowDistance(a: string, b: string): number {
  if (a === '') return b.length;
  if (b === '') return a.length;
  const options = [
    slowDistance(a.slice(1), b) + 1,
    slowDistance(a, b.slice(1)) + 1,
    slowDistance(a.slice(1), b.slice(1)) + (a[0] === b[0] ? 0 : 1),
  ];
  if (a.length > 1 && b.length > 1 && a[0] === b[1] && a[1] === b[0])
    options.push(slowDistance(a.slice(2), b.slice(2)) + 1);
  return Math.min(...options);
}

describe('editDistance', () => {
  it('counts single edits, a swap of neighbours as one', () => {
    expect(editDistance('trajectores', 'trajectories')).toBe(1);
    expect(editDistance('etta', 'eta')).toBe(1);
    expect(editDistance('sede', 'seed')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('kitten', 'sitting')).toBe(3);
  });

  it('agrees with the recursive definition', () => {
    const word = fc.string({ unit: fc.constantFrom('a', 'b', 'c'), maxLength: 6 });
    fc.assert(
      fc.property(word, word, (a, b) => {
        expect(editDistance(a, b)).toBe(slowDistance(a, b));
        expect(editDistance(b, a)).toBe(editDistance(a, b));
      }),
    );
  });
});

describe('nearestKey', () => {
  const sweep = ['eta', 'relative', 'trajectories', 'maxSteps'];
  it('suggests the nearest key when it is near enough to be a typo', () => {
    expect(nearestKey('trajectores', sweep)).toBe('trajectories');
    expect(nearestKey('etta', sweep)).toBe('eta');
    expect(nearestKey('maxsteps', sweep)).toBe('maxSteps');
    expect(nearestKey('relativ', sweep)).toBe('relative');
  });

  it('suggests nothing for a word that is no near miss', () => {
    expect(nearestKey('colour', sweep)).toBeUndefined();
    expect(nearestKey('x', sweep)).toBeUndefined();
    expect(nearestKey('nope', [])).toBeUndefined();
  });
});
