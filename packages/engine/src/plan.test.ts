import { describe, expect, it } from 'vitest';
import type { PlanShape, Task } from './plan.js';
import {
  DEFAULT_TASK_SIZE,
  DEFAULT_TASK_SIZE_MAX,
  defaultTaskSize,
  taskAt,
  taskCount,
  taskIndexOf,
  tasksInOutputOrder,
} from './plan.js';

const SHAPES: PlanShape[] = [
  { etaCount: 1, trajectories: 1, taskSize: 1 },
  { etaCount: 3, trajectories: 10, taskSize: 4 },
  { etaCount: 5, trajectories: 12, taskSize: 3 },
  { etaCount: 7, trajectories: 100, taskSize: 256 },
  { etaCount: 4, trajectories: 1001, taskSize: 50 },
];

function allTasks(shape: PlanShape): Task[] {
  return Array.from({ length: taskCount(shape) }, (_, j) => taskAt(shape, j));
}

describe('plan', () => {
  it.each(SHAPES)('covers every (etaIndex, trajectory) exactly once: %o', (shape) => {
    const seen = new Uint8Array(shape.etaCount * shape.trajectories);
    for (const task of allTasks(shape)) {
      expect(task.count).toBeGreaterThan(0);
      for (let k = task.start; k < task.start + task.count; k++) seen[task.etaIndex * shape.trajectories + k]++;
    }
    expect(seen.every((n) => n === 1)).toBe(true);
  });

  it.each(SHAPES)('task j carries index j, and consecutive tasks cycle through the step sizes: %o', (shape) => {
    const tasks = allTasks(shape);
    tasks.forEach((task, j) => {
      expect(task.index).toBe(j);
      if (j > 0) expect(task.etaIndex).toBe((tasks[j - 1].etaIndex + 1) % shape.etaCount);
      expect(taskIndexOf(shape, task.etaIndex, task.start / shape.taskSize)).toBe(j);
    });
    // any E consecutive tasks touch every step size once
    for (let j = 0; j + shape.etaCount <= tasks.length; j++) {
      const etas = new Set(tasks.slice(j, j + shape.etaCount).map((t) => t.etaIndex));
      expect(etas.size).toBe(shape.etaCount);
    }
  });

  it.each(SHAPES)('tasksInOutputOrder yields (eta_index, trajectory) ascending: %o', (shape) => {
    const tasks = [...tasksInOutputOrder(shape, () => true)];
    expect(tasks).toHaveLength(taskCount(shape));
    let previous = -1;
    for (const task of tasks) {
      for (let k = task.start; k < task.start + task.count; k++) {
        const key = task.etaIndex * shape.trajectories + k;
        expect(key).toBe(previous + 1);
        previous = key;
      }
    }
    expect(previous).toBe(shape.etaCount * shape.trajectories - 1);
  });

  it('tasksInOutputOrder keeps only the included tasks, still in output order', () => {
    const shape = { etaCount: 3, trajectories: 10, taskSize: 4 };
    const odd = [...tasksInOutputOrder(shape, (j) => j % 2 === 1)];
    expect(odd.every((t) => t.index % 2 === 1)).toBe(true);
    expect(odd.length).toBe(allTasks(shape).filter((t) => t.index % 2 === 1).length);
    const keys = odd.map((t) => t.etaIndex * shape.trajectories + t.start);
    expect(keys).toEqual([...keys].sort((a, b) => a - b));
  });

  it('makes the last block shorter when trajectories % taskSize ≠ 0', () => {
    const shape = { etaCount: 3, trajectories: 10, taskSize: 4 };
    expect(taskCount(shape)).toBe(3 * Math.ceil(10 / 4));
    for (let e = 0; e < shape.etaCount; e++) {
      const counts = allTasks(shape)
        .filter((t) => t.etaIndex === e)
        .map((t) => t.count);
      expect(counts).toEqual([4, 4, 10 % 4]);
    }
    // an exact multiple has no short block
    const even = { etaCount: 2, trajectories: 12, taskSize: 4 };
    expect(allTasks(even).every((t) => t.count === 4)).toBe(true);
  });

  it('defaults to 256 trajectories a task, more for a large grid (~1024 tasks), at most 4096', () => {
    expect(defaultTaskSize(21, 1000)).toBe(DEFAULT_TASK_SIZE);
    expect(defaultTaskSize(1, 262_144)).toBe(256);
    expect(defaultTaskSize(1, 262_145)).toBe(512);
    expect(defaultTaskSize(1, 1_000_000)).toBe(1024);
    expect(taskCount({ etaCount: 1, trajectories: 1_000_000, taskSize: 1024 })).toBe(977);
    expect(defaultTaskSize(21, 100_000)).toBe(4096);
    expect(defaultTaskSize(1, 1e9)).toBe(DEFAULT_TASK_SIZE_MAX);
  });
});
