// hyparquet-writer bundles its own (older) hyparquet; its SchemaElement is the one ParquetWriter accepts.
import type { SchemaElement } from 'hyparquet-writer';

/**
 * Column schemas of the Parquet files in a run directory (docs/reference.md, "Run directory"). Names and types are the
 * user-facing contract: change them only with a migration and a bump of SCHEMA_VERSION.
 */
export const SCHEMA_VERSION = 1;

/** Logical column types; the Parquet physical layout of each is fixed by `toParquetSchema`. */
export type ColumnType = 'DOUBLE' | 'INT32' | 'INT64' | 'STRING' | 'LIST<DOUBLE>';

export interface ColumnDef {
  readonly name: string;
  readonly type: ColumnType;
  /**
   * Whether a row may hold null. A nullable DOUBLE never holds NaN or ±Infinity: those are written as null.
   * For LIST<DOUBLE> this is about the list itself; its elements are always nullable (non-finite → null).
   */
  readonly nullable: boolean;
}

function column(name: string, type: ColumnType, nullable: boolean): ColumnDef {
  return Object.freeze({ name, type, nullable });
}

/** The columns of trajectories.parquet without the optional weight columns. */
export const TRAJECTORY_COLUMNS: readonly ColumnDef[] = Object.freeze([
  column('eta', 'DOUBLE', false),
  column('eta_index', 'INT32', false),
  column('eta_ratio', 'DOUBLE', true),
  column('trajectory', 'INT64', false),
  column('outcome', 'STRING', false),
  column('period', 'INT32', true),
  column('steps', 'INT32', false),
  column('loss_initial', 'DOUBLE', true),
  column('loss_final', 'DOUBLE', true),
  column('loss_min', 'DOUBLE', true),
  column('grad_norm_final', 'DOUBLE', true),
  column('sharpness_initial', 'DOUBLE', true),
  column('sharpness_final', 'DOUBLE', true),
  column('param_norm_initial', 'DOUBLE', true),
  column('param_norm_final', 'DOUBLE', true),
]);

/** Present in trajectories.parquet only with `record.weights`: W_1..W_N in order, each row-major. */
const WEIGHT_COLUMNS: readonly ColumnDef[] = Object.freeze([
  column('weights_initial', 'LIST<DOUBLE>', false),
  column('weights_final', 'LIST<DOUBLE>', false),
]);

export function trajectoryColumns(weights: boolean): readonly ColumnDef[] {
  return weights ? Object.freeze([...TRAJECTORY_COLUMNS, ...WEIGHT_COLUMNS]) : TRAJECTORY_COLUMNS;
}

/** summary.parquet: one row per step size. */
export const SUMMARY_COLUMNS: readonly ColumnDef[] = Object.freeze([
  column('eta', 'DOUBLE', false),
  column('eta_index', 'INT32', false),
  column('eta_ratio', 'DOUBLE', true),
  column('trajectories', 'INT64', false),
  column('converged', 'INT64', false),
  column('saddle', 'INT64', false),
  column('periodic', 'INT64', false),
  column('diverged', 'INT64', false),
  column('unresolved', 'INT64', false),
  column('p_converged', 'DOUBLE', true),
  column('p_converged_low', 'DOUBLE', true),
  column('p_converged_high', 'DOUBLE', true),
  column('sharpness_final_median', 'DOUBLE', true),
  column('steps_median', 'DOUBLE', true),
  column('two_over_eta', 'DOUBLE', true),
  column('eta_critical', 'DOUBLE', true),
  // the spread of the end sharpness (edge of stability) and the size of the stable set
  column('sharpness_final_min', 'DOUBLE', true),
  column('sharpness_final_max', 'DOUBLE', true),
  column('param_norm_final_median', 'DOUBLE', true),
  column('param_norm_final_max', 'DOUBLE', true),
  // the method of p_converged_low/high: `wilson` (a fixed sample size) or `beta-binomial-mixture` (an
  // adaptive sweep's anytime-valid confidence sequence)
  column('interval_method', 'STRING', false),
]);

/** initializations.parquet: one row per initialization. */
export const INITIALIZATION_COLUMNS: readonly ColumnDef[] = Object.freeze([
  column('trajectory', 'INT64', false),
  column('eta_max_converged', 'DOUBLE', true),
  column('param_norm_initial', 'DOUBLE', true),
  column('sharpness_initial', 'DOUBLE', true),
]);

/**
 * The flat Parquet schema (root first, depth-first) for the given columns. LIST<DOUBLE> uses the standard
 * three-level layout (group LIST → repeated group `list` → optional DOUBLE `element`) that DuckDB, arrow-rs
 * and polars read as DOUBLE[].
 */
export function toParquetSchema(columns: readonly ColumnDef[]): SchemaElement[] {
  const schema: SchemaElement[] = [{ name: 'root', num_children: columns.length }];
  for (const { name, type, nullable } of columns) {
    const repetition_type = nullable ? 'OPTIONAL' : 'REQUIRED';
    switch (type) {
      case 'DOUBLE':
      case 'INT32':
      case 'INT64':
        schema.push({ name, type, repetition_type });
        break;
      case 'STRING':
        schema.push({ name, type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type });
        break;
      case 'LIST<DOUBLE>':
        schema.push(
          { name, repetition_type, converted_type: 'LIST', num_children: 1 },
          { name: 'list', repetition_type: 'REPEATED', num_children: 1 },
          { name: 'element', type: 'DOUBLE', repetition_type: 'OPTIONAL' },
        );
        break;
    }
  }
  return schema;
}
