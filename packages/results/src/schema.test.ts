import { describe, expect, it } from 'vitest';
import {
  INITIALIZATION_COLUMNS,
  SCHEMA_VERSION,
  SUMMARY_COLUMNS,
  TRAJECTORY_COLUMNS,
  toParquetSchema,
  trajectoryColumns,
} from './schema.js';

describe('schemas', () => {
  it('name the documented columns in order', () => {
    expect(TRAJECTORY_COLUMNS.map((c) => c.name)).toEqual([
      'eta',
      'eta_index',
      'eta_ratio',
      'trajectory',
      'outcome',
      'period',
      'steps',
      'loss_initial',
      'loss_final',
      'loss_min',
      'grad_norm_final',
      'sharpness_initial',
      'sharpness_final',
      'param_norm_initial',
      'param_norm_final',
    ]);
    expect(
      trajectoryColumns(true)
        .map((c) => c.name)
        .slice(-2),
    ).toEqual(['weights_initial', 'weights_final']);
    expect(trajectoryColumns(false)).toBe(TRAJECTORY_COLUMNS);
    // the 16 columns every reader relies on, in their documented order, then the later additions
    expect(SUMMARY_COLUMNS.map((c) => c.name).slice(0, 16)).toEqual([
      'eta',
      'eta_index',
      'eta_ratio',
      'trajectories',
      'converged',
      'saddle',
      'periodic',
      'diverged',
      'unresolved',
      'p_converged',
      'p_converged_low',
      'p_converged_high',
      'sharpness_final_median',
      'steps_median',
      'two_over_eta',
      'eta_critical',
    ]);
    expect(INITIALIZATION_COLUMNS.map((c) => c.name)).toEqual([
      'trajectory',
      'eta_max_converged',
      'param_norm_initial',
      'sharpness_initial',
    ]);
    expect(SCHEMA_VERSION).toBe(1);
  });

  it('make every DOUBLE but eta nullable, and period and eta_max_converged', () => {
    for (const columns of [TRAJECTORY_COLUMNS, SUMMARY_COLUMNS, INITIALIZATION_COLUMNS]) {
      for (const c of columns) {
        if (c.type === 'DOUBLE') expect([c.name, c.nullable]).toEqual([c.name, c.name !== 'eta']);
        else expect([c.name, c.nullable]).toEqual([c.name, c.name === 'period']);
      }
    }
  });

  it('lays LIST<DOUBLE> out as group LIST → repeated list → optional element', () => {
    const list = (name: string) => [
      { name, repetition_type: 'REQUIRED', converted_type: 'LIST', num_children: 1 },
      { name: 'list', repetition_type: 'REPEATED', num_children: 1 },
      { name: 'element', type: 'DOUBLE', repetition_type: 'OPTIONAL' },
    ];
    expect(toParquetSchema(trajectoryColumns(true)).slice(-7)).toEqual([
      { name: 'param_norm_final', type: 'DOUBLE', repetition_type: 'OPTIONAL' },
      ...list('weights_initial'),
      ...list('weights_final'),
    ]);
    const root = toParquetSchema(TRAJECTORY_COLUMNS);
    expect(root[0]).toEqual({ name: 'root', num_children: 15 });
    expect(root.find((e) => e.name === 'outcome')).toEqual({
      name: 'outcome',
      type: 'BYTE_ARRAY',
      converted_type: 'UTF8',
      repetition_type: 'REQUIRED',
    });
  });
});
