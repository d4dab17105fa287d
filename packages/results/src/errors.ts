/**
 * The one catalogue of errors raised by this package. Callers (and other threads, after structured
 * cloning) recognise them by `code`, never by `instanceof`.
 */
export type ResultsErrorCode =
  | 'BAD_OPTIONS' // an option passed to a writer, reader or merge is invalid
  | 'BAD_VALUE' // a value cannot be stored in its column (wrong type, NaN in a non-null column, …)
  | 'BAD_PARQUET' // a file is not Parquet, or not a file this package wrote
  | 'SCHEMA_MISMATCH' // files that must share a schema do not
  | 'UNSORTED_ROWS' // a merge input is not sorted by (eta_index, trajectory)
  | 'DUPLICATE_ROWS' // the same (eta_index, trajectory) occurs twice among merge inputs
  | 'WRITER_CLOSED'; // a writer was used after close(), abort() or a failed append()

export class ResultsError extends Error {
  readonly code: ResultsErrorCode;
  /** Machine-readable facts about the failure (e.g. the duplicated key). */
  readonly details: Readonly<Record<string, unknown>> | undefined;

  constructor(
    code: ResultsErrorCode,
    message: string,
    options?: { cause?: unknown; details?: Record<string, unknown> },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ResultsError';
    this.code = code;
    this.details = options?.details;
  }
}
