import { ResultsError } from './errors.js';
import { checkTrajectorySchema, readParquetMetadata, readTrajectoryRowGroups } from './reader.js';
import { DEFAULT_ROW_GROUP_SIZE } from './table-writer.js';
import { copyTrajectoryRow, createTrajectoryBatch, type TrajectoryBatch } from './trajectory-batch.js';
import { TrajectoryWriter } from './trajectory-writer.js';

export interface MergeOptions {
  /** Footer metadata of the merged file; default: that of the first input. */
  kvMetadata?: Readonly<Record<string, string>>;
  /** Must equal the unsharded run's for byte-identical output; default DEFAULT_ROW_GROUP_SIZE. */
  rowGroupSize?: number;
}

export interface MergeResult {
  rowCount: number;
  weights: boolean;
  paramCount: number;
}

/** Reads one input row by row, checking that its keys strictly increase. */
class Cursor {
  batch: TrajectoryBatch | undefined;
  row = 0;
  private readonly rows: AsyncGenerator<TrajectoryBatch>;

  constructor(
    readonly path: string,
    readonly order: number,
  ) {
    this.rows = readTrajectoryRowGroups(path);
  }

  get etaIndex(): number {
    return (this.batch as TrajectoryBatch).etaIndex[this.row];
  }

  get trajectory(): number {
    return (this.batch as TrajectoryBatch).trajectory[this.row];
  }

  /** Moves to the next row; false at the end of the input. Returns a promise only to load a row group. */
  advance(): boolean | Promise<boolean> {
    const batch = this.batch;
    if (batch === undefined || this.row + 1 >= batch.length) return this.nextBatch();
    const etaIndex = batch.etaIndex[this.row];
    const trajectory = batch.trajectory[this.row];
    this.row++;
    this.checkOrder(etaIndex, trajectory);
    return true;
  }

  private async nextBatch(): Promise<boolean> {
    const prev = this.batch ? ([this.etaIndex, this.trajectory] as const) : undefined;
    for (;;) {
      const next = await this.rows.next();
      if (next.done) {
        this.batch = undefined;
        return false;
      }
      if (next.value.length > 0) {
        this.batch = next.value;
        this.row = 0;
        if (prev) this.checkOrder(prev[0], prev[1]);
        return true;
      }
    }
  }

  /** Throws unless the current key is strictly after (etaIndex, trajectory). */
  private checkOrder(etaIndex: number, trajectory: number): void {
    const order = compareKeys(etaIndex, trajectory, this.etaIndex, this.trajectory);
    if (order === 0) throw duplicate(this.etaIndex, this.trajectory, [this.path]);
    if (order > 0) {
      throw new ResultsError(
        'UNSORTED_ROWS',
        `${this.path} is not sorted by (eta_index, trajectory): (${etaIndex}, ${trajectory}) comes before ` +
          `(${this.etaIndex}, ${this.trajectory})`,
        { details: { path: this.path, etaIndex: this.etaIndex, trajectory: this.trajectory } },
      );
    }
  }

  async dispose(): Promise<void> {
    await this.rows.return(undefined);
  }
}

/**
 * Merges trajectory files, each sorted by (eta_index, trajectory), into one sorted file by a streaming k-way
 * merge (memory: one row group per input plus one for the output). The same (eta_index, trajectory) in two
 * places throws DUPLICATE_ROWS naming the first one; gaps are the caller's to check. Because the writer's
 * bytes depend only on the row sequence, merging shards that partition a run reproduces the unsharded file
 * byte for byte, given the same kvMetadata and rowGroupSize.
 */
export async function mergeTrajectoryFiles(
  inputs: readonly string[],
  outPath: string,
  options: MergeOptions = {},
): Promise<MergeResult> {
  if (inputs.length === 0) throw new ResultsError('BAD_OPTIONS', 'inputs must name at least one file');
  const infos = await Promise.all(inputs.map((path) => readParquetMetadata(path)));
  const weights = checkTrajectorySchema(infos[0]);
  for (const info of infos.slice(1)) {
    if (checkTrajectorySchema(info) !== weights) {
      throw new ResultsError('SCHEMA_MISMATCH', `${info.path} and ${infos[0].path} differ in the weight columns`, {
        details: { paths: [infos[0].path, info.path] },
      });
    }
  }

  const cursors = inputs.map((path, i) => new Cursor(path, i));
  let writer: TrajectoryWriter | undefined;
  try {
    const heap = new CursorHeap();
    for (const cursor of cursors) if (await cursor.advance()) heap.push(cursor);

    const first = heap.peek()?.batch;
    const paramCount = weights && first ? first.paramCount : 0;
    const rowGroupSize = options.rowGroupSize ?? DEFAULT_ROW_GROUP_SIZE;
    writer = await TrajectoryWriter.open(outPath, {
      weights,
      paramCount,
      kvMetadata: options.kvMetadata ?? infos[0].kvMetadata,
      rowGroupSize,
    });

    const out = createTrajectoryBatch(Math.min(rowGroupSize, DEFAULT_ROW_GROUP_SIZE), weights, paramCount);
    let filled = 0;
    let last: Cursor | undefined;
    let lastEtaIndex = 0;
    let lastTrajectory = 0;
    for (let top = heap.peek(); top !== undefined; top = heap.peek()) {
      const batch = top.batch as TrajectoryBatch;
      if (last !== undefined && compareKeys(lastEtaIndex, lastTrajectory, top.etaIndex, top.trajectory) === 0) {
        throw duplicate(top.etaIndex, top.trajectory, [last.path, top.path]);
      }
      if (weights && batch.paramCount !== paramCount) {
        const message = `${top.path} has ${batch.paramCount} parameters, expected ${paramCount}`;
        throw new ResultsError('SCHEMA_MISMATCH', message, { details: { path: top.path } });
      }
      copyTrajectoryRow(batch, top.row, out, filled++);
      last = top;
      lastEtaIndex = top.etaIndex;
      lastTrajectory = top.trajectory;
      if (filled === out.length) {
        await writer.append(out);
        filled = 0;
      }
      const more = top.advance();
      if (typeof more === 'boolean' ? more : await more) heap.siftDown(0);
      else heap.pop();
    }
    out.length = filled;
    await writer.append(out);
    await writer.close();
    return { rowCount: writer.rowCount, weights, paramCount };
  } catch (error) {
    await writer?.abort();
    throw error;
  } finally {
    await Promise.all(cursors.map((c) => c.dispose()));
  }
}

function compareKeys(etaA: number, trajA: number, etaB: number, trajB: number): number {
  return etaA !== etaB ? etaA - etaB : trajA - trajB;
}

function duplicate(etaIndex: number, trajectory: number, paths: string[]): ResultsError {
  return new ResultsError(
    'DUPLICATE_ROWS',
    `row (eta_index ${etaIndex}, trajectory ${trajectory}) occurs twice, in ${paths.join(' and ')}`,
    { details: { etaIndex, trajectory, paths } },
  );
}

/** A binary min-heap of cursors by (eta_index, trajectory, input order). */
class CursorHeap {
  readonly items: Cursor[] = [];

  push(cursor: Cursor): void {
    const items = this.items;
    items.push(cursor);
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!less(items[i], items[parent])) break;
      [items[i], items[parent]] = [items[parent], items[i]];
      i = parent;
    }
  }

  peek(): Cursor | undefined {
    return this.items[0];
  }

  pop(): void {
    const items = this.items;
    const tail = items.pop();
    if (tail !== undefined && items.length > 0) {
      items[0] = tail;
      this.siftDown(0);
    }
  }

  /** Restores the heap after the key of items[i] increased. */
  siftDown(i: number): void {
    const items = this.items;
    const n = items.length;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < n && less(items[l], items[m])) m = l;
      if (r < n && less(items[r], items[m])) m = r;
      if (m === i) return;
      [items[i], items[m]] = [items[m], items[i]];
      i = m;
    }
  }
}

function less(a: Cursor, b: Cursor): boolean {
  const order = compareKeys(a.etaIndex, a.trajectory, b.etaIndex, b.trajectory);
  return order !== 0 ? order < 0 : a.order < b.order;
}
