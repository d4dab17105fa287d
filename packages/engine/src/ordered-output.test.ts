import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveConfig } from '@eos-sweep/config';
import { Rng } from '@eos-sweep/core';
import { afterAll, describe, expect, it } from 'vitest';
import { TaskJournal } from './journal.js';
import { OrderedTrajectoryOutput } from './ordered-output.js';
import type { PlanShape, Task } from './plan.js';
import { taskAt, taskCount } from './plan.js';
import type { PreparedSweep } from './problem.js';
import { prepareSweep } from './problem.js';
import type { Shard } from './shard.js';
import { NO_SHARD, ownsTask } from './shard.js';
import { recordWidth } from './task-codec.js';

const scratch = mkdtempSync(join(tmpdir(), 'eos-ordered-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const config = resolveConfig({}, ['sweep.trajectories=23', 'sweep.eta.values=[0.5, 0.9, 1.1]', 'sweep.maxSteps=50']);
const plan: PlanShape = { etaCount: 3, trajectories: 23, taskSize: 5 };
const kvMetadata = { 'eos-sweep.test': 'ordered-output' };

/** A task's record: every field a value drawn from the task index, so misplaced rows show. */
function record(task: Task, width: number): Float64Array {
  const rng = new Rng(1000 + task.index);
  const out = new Float64Array(task.count * width);
  for (let r = 0; r < task.count; r++) {
    const row = out.subarray(r * width, (r + 1) * width);
    for (let f = 0; f < width; f++) row[f] = rng.nextNormal();
    row[0] = (task.index + r) % 5; // outcome code
    row[1] = row[0] === 2 ? 2 : 0; // period
    row[2] = 10 * task.index + r; // steps
  }
  return out;
}

async function write(
  dir: string,
  prepared: PreparedSweep,
  shard: Shard,
  arrival: (tasks: Task[]) => Task[][],
): Promise<Buffer> {
  mkdirSync(dir);
  const width = recordWidth(prepared.problem.layout.paramCount, false);
  const journal = await TaskJournal.open(dir, taskCount(plan), width);
  const output = await OrderedTrajectoryOutput.open(join(dir, 'trajectories.parquet'), journal, {
    prepared,
    plan,
    shard,
    weights: false,
    kvMetadata,
  });
  const tasks = Array.from({ length: taskCount(plan) }, (_, j) => taskAt(plan, j)).filter((t) =>
    ownsTask(shard, t.index, plan.etaCount),
  );
  // each wave finishes together: its results are journaled and offered concurrently, as the pool does
  for (const wave of arrival(tasks)) {
    await Promise.all(
      wave.map(async (task) => {
        const data = record(task, width);
        await journal.record(task.index, data);
        await output.advance({ index: task.index, data });
      }),
    );
  }
  await output.close();
  await journal.close();
  return readFileSync(join(dir, 'trajectories.parquet'));
}

describe('OrderedTrajectoryOutput', () => {
  it('writes the same bytes whatever order and grouping the tasks finish in', async () => {
    const prepared = await prepareSweep(config, scratch);
    const inOrder = await write(join(scratch, 'a'), prepared, NO_SHARD, (tasks) => tasks.map((t) => [t]));
    const reversed = await write(join(scratch, 'b'), prepared, NO_SHARD, (tasks) =>
      [...tasks].reverse().map((t) => [t]),
    );
    const shuffled = await write(join(scratch, 'c'), prepared, NO_SHARD, (tasks) => {
      const rng = new Rng(7);
      const order = [...tasks];
      for (let i = order.length - 1; i > 0; i--) {
        const j = Math.floor(rng.nextDouble() * (i + 1));
        [order[i], order[j]] = [order[j], order[i]];
      }
      const waves: Task[][] = [];
      for (let i = 0; i < order.length; i += 3) waves.push(order.slice(i, i + 3));
      return waves;
    });
    const atOnce = await write(join(scratch, 'd'), prepared, NO_SHARD, (tasks) => [tasks]);
    expect(inOrder.length).toBeGreaterThan(0);
    expect(reversed.equals(inOrder)).toBe(true);
    expect(shuffled.equals(inOrder)).toBe(true);
    expect(atOnce.equals(inOrder)).toBe(true);
    // nothing but the file is left behind (no temporary file)
    expect(readdirSync(join(scratch, 'b')).filter((f) => f.includes('tmp'))).toEqual([]);
  });

  it('writes only the tasks its shard owns', async () => {
    const prepared = await prepareSweep(config, scratch);
    const shard: Shard = { index: 1, count: 2, source: 'flag' };
    const forward = await write(join(scratch, 'e'), prepared, shard, (tasks) => tasks.map((t) => [t]));
    const backward = await write(join(scratch, 'f'), prepared, shard, (tasks) => [...tasks].reverse().map((t) => [t]));
    expect(backward.equals(forward)).toBe(true);
  });

  it('refuses to close while an owned task is missing', async () => {
    const prepared = await prepareSweep(config, scratch);
    await expect(
      write(join(scratch, 'g'), prepared, NO_SHARD, (tasks) => tasks.slice(1).map((t) => [t])),
    ).rejects.toThrow(/task 0 is not in the journal/);
  });
});
