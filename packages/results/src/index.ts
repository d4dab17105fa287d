export { footerMetadata } from './footer.js';
export { mergeTrajectoryFiles } from './merge.js';
export { readColumns } from './read-columns.js';
export type { CellValue, TableData, TrajectoryFields, TrajectoryFile } from './reader.js';
export {
  openTrajectoryFile,
  readParquetMetadata,
  readTable,
  readTrajectoryFields,
  readTrajectoryRowGroups,
} from './reader.js';
export type { ColumnDef } from './schema.js';
export { INITIALIZATION_COLUMNS, SUMMARY_COLUMNS } from './schema.js';
export type { ColumnSpec } from './table-writer.js';
export { ParquetTableWriter, writeParquetTable } from './table-writer.js';
export type { Outcome, TrajectoryBatch } from './trajectory-batch.js';
export { createTrajectoryBatch, OUTCOMES } from './trajectory-batch.js';
export { TrajectoryWriter } from './trajectory-writer.js';
