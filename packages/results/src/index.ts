export type { ColumnValues, FixedWidthList } from './column-buffer.js';
export type { ResultsErrorCode } from './errors.js';
export { isResultsError, ResultsError } from './errors.js';
export { FOOTER_KEYS, footerMetadata } from './footer.js';
export type { MergeOptions, MergeResult } from './merge.js';
export { mergeTrajectoryFiles } from './merge.js';
export { readColumns } from './read-columns.js';
export type {
  CellValue,
  ParquetFileInfo,
  RowGroupData,
  RowGroupInfo,
  TableData,
  TrajectoryField,
  TrajectoryFields,
  TrajectoryFile,
} from './reader.js';
export {
  checkTrajectorySchema,
  openTrajectoryFile,
  readParquetMetadata,
  readRowGroups,
  readTable,
  readTrajectoryFields,
  readTrajectoryRowGroups,
} from './reader.js';
export type { ColumnDef, ColumnType } from './schema.js';
export {
  INITIALIZATION_COLUMNS,
  SCHEMA_VERSION,
  SUMMARY_COLUMNS,
  TRAJECTORY_COLUMNS,
  toParquetSchema,
  trajectoryColumns,
  WEIGHT_COLUMNS,
} from './schema.js';
export type { ColumnSpec, ParquetTableWriterOptions } from './table-writer.js';
export { DEFAULT_ROW_GROUP_SIZE, ParquetTableWriter, writeParquetTable } from './table-writer.js';
export type { Outcome, TrajectoryBatch } from './trajectory-batch.js';
export { copyTrajectoryRow, createTrajectoryBatch, OUTCOMES } from './trajectory-batch.js';
export type { TrajectoryWriterOptions } from './trajectory-writer.js';
export { TrajectoryWriter } from './trajectory-writer.js';
