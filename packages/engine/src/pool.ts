/**
 * Runs tasks on a Piscina pool of worker threads. A task whose worker dies
 * (uncaught error, process.exit) is retried up to `retries` times; one that
 * keeps failing is reported, and everything else carries on.
 *
 * At most a few tasks per thread are in flight, so memory does not grow with
 * the plan, and results are handed over as they arrive (the journal makes
 * their order irrelevant to the output).
 */
import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import type { Task } from './plan.js';
import type { WorkerSetup } from './worker-setup.js';

/** Young-generation cap of a worker thread, MB (see below). */
const WORKER_YOUNG_GENERATION_MB = 16;

export interface PoolOptions {
  readonly workers: number;
  readonly retries: number;
  readonly signal?: AbortSignal;
  /** Called for each finished task; its promise is awaited before the task counts as done. */
  readonly onResult: (task: Task, record: Float64Array) => Promise<void>;
}

export interface FailedTask {
  readonly task: number;
  readonly error: string;
}

export function defaultWorkers(): number {
  return availableParallelism();
}

/**
 * The compiled worker beside this module. Under the test runner this module
 * is TypeScript, and Node cannot load a .ts worker by itself
 * (ERR_UNKNOWN_FILE_EXTENSION), so the worker is then loaded through tsx.
 */
function workerLocation(): { filename: string; execArgv: string[] } {
  const fromSource = import.meta.url.endsWith('.ts');
  return {
    filename: new URL(fromSource ? './worker.ts' : './worker.js', import.meta.url).href,
    execArgv: fromSource ? ['--import', 'tsx'] : [],
  };
}

/**
 * The worker threads of a sweep, set up with `setup` once; `runTasks` takes it to run several batches of
 * tasks. The threads start (load the modules, build the problem) at once, while the caller goes on.
 */
export function openPool(setup: WorkerSetup, workers: number): Piscina {
  const { filename, execArgv } = workerLocation();
  return new Piscina({
    filename,
    execArgv,
    workerData: setup,
    minThreads: workers,
    maxThreads: workers,
    // A single worker holds its next task while the main thread is busy (encoding trajectories.parquet),
    // instead of waiting for it to hand the task over. With several workers, holding a second task
    // could leave one idle at the end while another still has two.
    concurrentTasksPerWorker: workers === 1 ? 2 : 1,
    idleTimeout: 60_000,
    // V8 grows a busy worker's young generation once, by ~15 MB, some seconds in: capped, peak memory
    // stays flat from 10⁵ to 10⁷ trajectories
    resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB },
  });
}

/** Runs `tasks` on a pool of its own; resolves with the tasks that failed after all retries. */
export async function runOnPool(
  setup: WorkerSetup,
  tasks: Iterable<Task>,
  options: PoolOptions,
): Promise<FailedTask[]> {
  const pool = openPool(setup, options.workers);
  try {
    return await runTasks(pool, tasks, options);
  } finally {
    await pool.destroy();
  }
}

/**
 * Runs `tasks` on `pool` (from `openPool`, left open: an adaptive sweep's rounds share one instead of paying
 * ~0.4 s of thread start-up per round); resolves with the tasks that failed after all retries.
 */
export async function runTasks(pool: Piscina, tasks: Iterable<Task>, options: PoolOptions): Promise<FailedTask[]> {
  const failed: FailedTask[] = [];
  const window = options.workers * 4;
  const inFlight = new Set<Promise<void>>();
  const runOne = async (task: Task): Promise<void> => {
    for (let attempt = 0; ; attempt++) {
      if (options.signal?.aborted) return;
      let record: Float64Array;
      try {
        record = (await pool.run(task, { signal: options.signal })) as Float64Array;
      } catch (error) {
        if (options.signal?.aborted) return;
        if (attempt >= options.retries) {
          failed.push({ task: task.index, error: (error as Error)?.message ?? String(error) });
          return;
        }
        continue;
      }
      // outside the retry: failing to store a result (e.g. a full disk) ends the run
      await options.onResult(task, record);
      return;
    }
  };
  for (const task of tasks) {
    if (options.signal?.aborted) break;
    const p = runOne(task).finally(() => inFlight.delete(p));
    inFlight.add(p);
    if (inFlight.size >= window) await Promise.race(inFlight);
  }
  await Promise.all(inFlight);
  return failed.sort((a, b) => a.task - b.task);
}
