import type { TrajectoryResult } from '@eos-sweep/core';
import { createTrajectoryBatch } from '@eos-sweep/results';
import { describe, expect, it } from 'vitest';
import { decodeInto, encodeRow, recordWidth } from './task-codec.js';

/** A result whose every field differs from the others and from row to row. */
function result(row: number, paramCount: number): TrajectoryResult {
  return {
    outcome: row % 5,
    period: row % 5 === 2 ? 4 : 0,
    steps: 100 + row,
    lossInitial: row + 0.1,
    lossFinal: row === 1 ? Number.NaN : row + 0.2,
    lossMin: -0,
    gradNormFinal: row + 0.4,
    sharpnessInitial: row + 0.5,
    sharpnessFinal: Number.POSITIVE_INFINITY,
    paramNormInitial: row + 0.7,
    paramNormFinal: row + 0.8,
    weightsFinal: Float64Array.from({ length: paramCount }, (_, j) => row * 10 + j + 0.5),
  };
}

describe('decodeInto', () => {
  it('puts every field of every row of a task record at its place in a batch', () => {
    const paramCount = 2;
    const width = recordWidth(paramCount, true);
    const task = { index: 7, etaIndex: 3, start: 40, count: 3 };
    const record = new Float64Array(task.count * width);
    const init = (row: number) => Float64Array.of(-row, -row - 0.5);
    for (let r = 0; r < task.count; r++) encodeRow(record, r, width, result(r, paramCount), init(r));
    const batch = createTrajectoryBatch(5, true, paramCount);
    decodeInto(batch, 2, task, record, { eta: 0.75, etaRatio: Number.NaN, paramCount, weights: true });
    for (let r = 0; r < task.count; r++) {
      const row = 2 + r;
      const { weightsFinal, ...fields } = result(r, paramCount);
      for (const [name, value] of Object.entries(fields)) {
        expect(batch[name as keyof typeof fields][row], name).toBe(value);
      }
      expect([batch.eta[row], batch.etaIndex[row], batch.etaRatio[row], batch.trajectory[row]]).toEqual([
        0.75,
        3,
        Number.NaN,
        40 + r,
      ]);
      expect(batch.weightsInitial?.subarray(row * 2, row * 2 + 2)).toEqual(init(r));
      expect(batch.weightsFinal?.subarray(row * 2, row * 2 + 2)).toEqual(weightsFinal);
    }
    // rows outside at..at+count−1 are left alone
    expect([batch.trajectory[0], batch.trajectory[1], batch.steps[0]]).toEqual([0, 0, 0]);
  });

  it('refuses a record of the wrong length', () => {
    const batch = createTrajectoryBatch(4, false, 0);
    const task = { index: 1, etaIndex: 0, start: 0, count: 2 };
    const ctx = { eta: 1, etaRatio: 1, paramCount: 0, weights: false };
    expect(() => decodeInto(batch, 0, task, new Float64Array(3), ctx)).toThrow(/task 1: record has 3 values/);
  });
});
