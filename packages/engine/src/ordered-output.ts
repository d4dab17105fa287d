/**
 * trajectories.parquet, written while the pool runs. Tasks finish in any
 * order; the file holds their rows in output order (step size, then
 * initialization), so a task is appended as soon as every task before it in
 * that order is journaled. The writer sees the same rows in the same order
 * as when everything was written at the end, and cuts row groups by count,
 * so the bytes are the same whatever the timing — but the encoding overlaps
 * the workers' computing instead of following it (with `--workers 1` the
 * main thread has a core of its own and little else to do).
 *
 * The file is written under a temporary name and renamed into place by
 * `close`; a run that stops early leaves nothing but what `removeLeftovers`
 * clears, and a resume starts the file over from the journal.
 */
import type { TrajectoryBatch } from '@eos-sweep/results';
import { createTrajectoryBatch, TrajectoryWriter } from '@eos-sweep/results';
import { crashPoint } from './crash-point.js';
import type { TaskJournal } from './journal.js';
import type { PlanShape, Task } from './plan.js';
import { tasksInOutputOrder } from './plan.js';
import type { PreparedSweep } from './problem.js';
import type { Shard } from './shard.js';
import { ownsTask } from './shard.js';
import { decodeInto, recordWidth } from './task-codec.js';

/** Rows decoded per append (the writer cuts its own row groups): tasks are gathered up to this many. */
const WRITE_CHUNK_ROWS = 8192;

export interface OrderedOutputOptions {
  readonly prepared: PreparedSweep;
  readonly plan: PlanShape;
  readonly shard: Shard;
  readonly weights: boolean;
  readonly kvMetadata: Record<string, string>;
  /** Called with the rows of every append, in output order; the batch is reused once its promise settles. */
  readonly onRows?: (rows: TrajectoryBatch) => void | Promise<void>;
}

export class OrderedTrajectoryOutput {
  private next: IteratorResult<Task>;
  /** The last `advance`: results arrive concurrently, and each advance must see where the previous one stopped. */
  private queue: Promise<void> = Promise.resolve();
  /** Decoded rows not yet appended (`filled` of them), and room to read a task back from the spool. */
  private readonly batch: TrajectoryBatch;
  private filled = 0;
  private readonly spooled: Float64Array;
  /** Seconds spent decoding, encoding and writing so far. */
  seconds = 0;
  /** Of those, seconds in trajectories.parquet's writer (encoding and writing). */
  parquetSeconds = 0;

  private constructor(
    private readonly writer: TrajectoryWriter,
    private readonly journal: TaskJournal,
    private readonly options: OrderedOutputOptions,
    private readonly order: Generator<Task>,
  ) {
    this.next = order.next();
    const { plan, weights } = options;
    const paramCount = options.prepared.problem.layout.paramCount;
    this.batch = createTrajectoryBatch(Math.max(WRITE_CHUNK_ROWS, plan.taskSize), weights, paramCount);
    this.spooled = new Float64Array(plan.taskSize * recordWidth(paramCount, weights));
  }

  static async open(
    path: string,
    journal: TaskJournal,
    options: OrderedOutputOptions,
  ): Promise<OrderedTrajectoryOutput> {
    const writer = await TrajectoryWriter.open(path, {
      weights: options.weights,
      paramCount: options.prepared.problem.layout.paramCount,
      kvMetadata: options.kvMetadata,
    });
    const { plan, shard } = options;
    return new OrderedTrajectoryOutput(
      writer,
      journal,
      options,
      tasksInOutputOrder(plan, (j) => ownsTask(shard, j, plan.etaCount)),
    );
  }

  /**
   * Appends the tasks at the head of the output order that are journaled;
   * `recorded` is a task just journaled, with its data (not read back).
   */
  advance(recorded?: { index: number; data: Float64Array }): Promise<void> {
    const run = this.queue.then(() => this.append(recorded));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async append(recorded?: { index: number; data: Float64Array }): Promise<void> {
    const started = performance.now();
    const { prepared, weights } = this.options;
    const paramCount = prepared.problem.layout.paramCount;
    const capacity = this.batch.eta.length;
    while (!this.next.done && this.journal.has(this.next.value.index)) {
      const task = this.next.value;
      if (task.index > 0) crashPoint('trajectories-writing');
      if (this.filled + task.count > capacity) await this.flush();
      const data = recorded?.index === task.index ? recorded.data : await this.journal.read(task.index, this.spooled);
      decodeInto(this.batch, this.filled, task, data, {
        eta: prepared.setup.etas[task.etaIndex],
        etaRatio: prepared.etaRatios[task.etaIndex],
        paramCount,
        weights,
      });
      this.filled += task.count;
      this.next = this.order.next();
    }
    this.seconds += (performance.now() - started) / 1000;
  }

  private async flush(): Promise<void> {
    this.batch.length = this.filled;
    await this.options.onRows?.(this.batch);
    const started = performance.now();
    await this.writer.append(this.batch);
    this.parquetSeconds += (performance.now() - started) / 1000;
    this.filled = 0;
  }

  /** Every task is journaled: the rest is appended and the file put in place. */
  async close(): Promise<void> {
    await this.advance();
    const started = performance.now();
    if (!this.next.done) {
      // the pool reported success: every owned task was journaled
      throw new Error(`trajectories.parquet: task ${this.next.value.index} is not in the journal`);
    }
    await this.flush();
    const closing = performance.now();
    await this.writer.close();
    this.parquetSeconds += (performance.now() - closing) / 1000;
    this.seconds += (performance.now() - started) / 1000;
  }

  /** Removes the unfinished file. */
  async abort(): Promise<void> {
    await this.writer.abort();
  }
}
