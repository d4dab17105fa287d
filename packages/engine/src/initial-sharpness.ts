/**
 * λ_max at the initializations, computed once per initialization instead of
 * once per step size.
 *
 * Tasks are numbered block-major (plan.ts): a worker meets the same block of
 * initializations at one step size after another. The first time it meets a
 * block it computes the sharpness of every initialization in it; the
 * trajectory loops then find those values through `useKnownSharpness` (the
 * lookup is by θ, so they need not know). Only the last BLOCKS_KEPT blocks
 * are kept — a few numbers per initialization, never the parameters — so
 * memory does not grow with the sweep.
 *
 * The bytes cannot depend on who computes a value: the value looked up is
 * `sharpness(net, θ₀)`, the same function of the same θ₀ the loop would
 * have called. A lookup finds its candidate by a hash of θ's bits and then
 * regenerates that initialization and compares it bit for bit, so a hash
 * collision only costs a recomputation.
 */
import type { KnownSharpness, Layout, LinearNet } from '@eos-sweep/core';
import { sharpness } from '@eos-sweep/core';
import type { WorkerSetup } from './worker-setup.js';
import { initializationOf } from './worker-setup.js';

/** Blocks kept: the current one and the one before (a worker may get a task of each, e.g. after a retry). */
const BLOCKS_KEPT = 2;

interface Block {
  readonly start: number;
  readonly values: Float64Array;
  /** Hash of θ₀'s bits → its row in the block (the first, should two collide). */
  readonly rows: Map<number, number>;
}

/**
 * FNV-1a over the 32-bit words of θ's entries, read through a view of θ's own memory (copying each
 * entry through a scratch double cost ~0.15 µs an entry: a third of a second on a sweep of 900-parameter
 * networks).
 */
function hashOf(theta: Float64Array): number {
  const words = new Int32Array(theta.buffer, theta.byteOffset, 2 * theta.length);
  let h = 0x811c9dc5;
  for (let i = 0; i < words.length; i++) h = Math.imul(h ^ words[i], 0x01000193);
  return h >>> 0;
}

export class InitialSharpness implements KnownSharpness {
  private readonly blocks: Block[] = [];
  /** θ₀ being prepared, and θ₀ regenerated to check a lookup (sharpness may look up while preparing). */
  private readonly prepared: Float64Array;
  private readonly scratch: Float64Array;

  constructor(
    private readonly setup: WorkerSetup,
    private readonly layout: Layout,
    private readonly net: LinearNet,
  ) {
    this.prepared = new Float64Array(layout.paramCount);
    this.scratch = new Float64Array(layout.paramCount);
  }

  /** Makes the sharpness of initializations start … start + count − 1 known (computing it unless kept). */
  prepare(start: number, count: number): void {
    const kept = this.blocks.findIndex((b) => b.start === start && b.values.length === count);
    if (kept >= 0) {
      this.blocks.unshift(...this.blocks.splice(kept, 1));
      return;
    }
    const values = new Float64Array(count);
    const rows = new Map<number, number>();
    for (let r = 0; r < count; r++) {
      const theta = initializationOf(this.setup, this.layout, start + r, this.prepared);
      values[r] = sharpness(this.net, theta);
      const h = hashOf(theta);
      if (!rows.has(h)) rows.set(h, r);
    }
    this.blocks.unshift({ start, values, rows });
    this.blocks.length = Math.min(this.blocks.length, BLOCKS_KEPT);
  }

  lookup(theta: Float64Array): number | undefined {
    const h = hashOf(theta);
    for (const block of this.blocks) {
      const r = block.rows.get(h);
      if (r === undefined) continue;
      const theta0 = initializationOf(this.setup, this.layout, block.start + r, this.scratch);
      let same = true;
      for (let i = 0; i < theta.length && same; i++) same = Object.is(theta[i], theta0[i]);
      if (same) return block.values[r];
    }
    return undefined;
  }
}
