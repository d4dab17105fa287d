#!/usr/bin/env python3
"""The NumPy peer of the benchmark: what a strong Python user writes instead of eos-sweep.

Trajectories are stacked as (B, rows, cols) arrays and advanced together, B at
a time (a "chunk" sized to stay in cache); the data enter only through
Sigma = X X^T/n, C = Y X^T/n and c0 (as in eos-sweep); every product is one
batched np.matmul into a preallocated output (no temporaries in the loop).
A scalar network (all widths 1) is elementwise vector arithmetic over the
batch instead. One GD step computes, per trajectory, the loss, the gradient
(forward prefix products, G = P Sigma - C, backward products) and the update;
there is no classification (the peer gets that for free).

A second figure, "classified", runs the same peer with eos-sweep's
classification rules applied every step, vectorised over the chunk as a
strong NumPy user would write them (Classifier below): divergence (a
non-finite value, the loss limit, every |θ_i| ≤ paramLimit), the
gradient-norm hold count, and the four period tests against a ring of the
last 17 states, with their hold counts (norms compared as squares, every
array preallocated). It does less than eos-sweep — no orbit-amplitude test
at the end of a period window, and a trajectory that has stopped keeps
being stepped (no compaction) — and is the like-for-like peer of
eos-sweep, which classifies every step.

The chunk size is searched per workload: each candidate runs a short timed
burst, the fastest is then timed `--repeats` times (median reported).

Runs on one thread (the BLAS thread count is pinned to 1 before NumPy loads)
so that the figures are per core.

Input: a JSON file (written by tools/bench/bench.mjs) with, per workload,
dims, sigma, cross (row-major), c0, eta, init_std and steps. Output: JSON on
stdout.
"""
import json
import os
import sys
import time

for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS"):
    os.environ[var] = "1"

try:
    import numpy as np
except ImportError:  # the caller prints the skip message
    print(json.dumps({"skipped": "numpy is not installed"}))
    sys.exit(0)


class Batched:
    """GD on B stacked networks of widths dims with np.matmul into preallocated buffers."""

    def __init__(self, dims, sigma, cross, c0, eta, batch, std, rng):
        self.dims = dims
        self.n = len(dims) - 1
        d0 = dims[0]
        self.sigma = np.asarray(sigma, dtype=np.float64).reshape(d0, d0)
        self.cross = np.asarray(cross, dtype=np.float64).reshape(dims[-1], d0)
        self.c0 = c0
        self.eta = eta
        n = self.n
        self.W = [None] + [std * rng.standard_normal((batch, dims[i], dims[i - 1])) for i in range(1, n + 1)]
        self.prefix = [None, self.W[1]] + [np.empty((batch, dims[i], d0)) for i in range(2, n + 1)]
        self.q = np.empty((batch, dims[n], d0))
        self.D = [None] + [np.empty((batch, dims[i], d0)) for i in range(1, n + 1)]
        self.grad = [None] + [np.empty((batch, dims[i], dims[i - 1])) for i in range(1, n + 1)]
        self.tmp = np.empty((batch, dims[n], d0))
        self.loss = np.empty(batch)
        self.pc = np.empty(batch)
        self.observe = None

    def parts(self):
        """(parameters, gradient, axes summed for a per-trajectory norm) of each layer."""
        return [(self.W[i], self.grad[i], (1, 2)) for i in range(1, self.n + 1)]

    def step(self):
        n, W, prefix, D, grad = self.n, self.W, self.prefix, self.D, self.grad
        for i in range(2, n + 1):
            np.matmul(W[i], prefix[i - 1], out=prefix[i])
        P = prefix[n]
        np.matmul(P, self.sigma, out=self.q)
        # loss = 1/2 tr(P Q^T) - tr(P C^T) + c0, per trajectory
        np.multiply(P, self.q, out=self.tmp)
        self.tmp.sum(axis=(1, 2), out=self.loss)
        np.multiply(P, self.cross, out=self.tmp)
        self.tmp.sum(axis=(1, 2), out=self.pc)
        self.loss *= 0.5
        self.loss -= self.pc
        self.loss += self.c0
        np.subtract(self.q, self.cross, out=D[n])
        for i in range(n, 1, -1):
            np.matmul(D[i], prefix[i - 1].swapaxes(1, 2), out=grad[i])
            np.matmul(W[i].swapaxes(1, 2), D[i], out=D[i - 1])
        grad[1][...] = D[1]
        if self.observe is not None:
            self.observe()
        for i in range(1, n + 1):
            grad[i] *= self.eta
            W[i] -= grad[i]


class Scalar:
    """GD on B scalar networks (all widths 1): elementwise arithmetic on (B,) vectors."""

    def __init__(self, depth, a, c, c0, eta, batch, std, rng):
        self.n = depth
        self.a, self.c, self.c0, self.eta = a, c, c0, eta
        # rows of one (depth, B) array, so that the classifier sees θ whole
        self.theta = std * rng.standard_normal((depth, batch))
        self.w = list(self.theta)
        self.prefix = [np.empty(batch) for _ in range(depth + 1)]
        self.grad = np.empty((depth, batch))
        self.g = list(self.grad)
        self.d = np.empty(batch)
        self.q = np.empty(batch)
        self.loss = np.empty(batch)
        self.tmp = np.empty(batch)
        self.observe = None

    def parts(self):
        return [(self.theta, self.grad, (0,))]

    def step(self):
        w, prefix, g, n = self.w, self.prefix, self.g, self.n
        if n == 2:  # the common case, without the prefix copies
            P = self.prefix[2]
            np.multiply(w[1], w[0], out=P)
        else:
            prefix[1][...] = w[0]
            for i in range(2, n + 1):
                np.multiply(w[i - 1], prefix[i - 1], out=prefix[i])
            P = prefix[n]
        np.multiply(P, self.a, out=self.q)
        # loss = 1/2 P q - c P + c0
        np.multiply(P, self.q, out=self.loss)
        self.loss *= 0.5
        np.multiply(P, self.c, out=self.tmp)
        self.loss -= self.tmp
        self.loss += self.c0
        d = self.d
        np.subtract(self.q, self.c, out=d)
        if n == 2:
            np.multiply(d, w[0], out=g[1])
            np.multiply(d, w[1], out=g[0])
        else:
            for i in range(n, 1, -1):
                np.multiply(d, prefix[i - 1], out=g[i - 1])
                d *= w[i - 1]
            g[0][...] = d
        if self.observe is not None:
            self.observe()
        for i in range(n):
            g[i] *= self.eta
            w[i] -= g[i]


class Classifier:
    """eos-sweep's per-step rules (docs/theory.md), vectorised over a chunk; called between gradient and update."""

    def __init__(self, model, options, c0):
        self.model = model
        self.o = options
        self.parts = model.parts()
        self.periods = list(options["periods"])
        self.span = max(self.periods) + 1
        batch = model.loss.shape[0]
        self.ring = [np.empty((self.span,) + theta.shape) for theta, _, _ in self.parts]
        # each ring state's squared period limit, −1 until written (a test against it fails)
        self.ring_limit2 = np.full((self.span, batch), -1.0)
        self.scratch = [np.empty(theta.shape) for theta, _, _ in self.parts]
        self.sq = np.empty(batch)
        self.acc = np.empty(batch)
        self.grad_hold = np.zeros(batch)
        self.period_hold = np.zeros((len(self.periods), batch))
        self.loss_min = np.full(batch, np.inf)
        self.stopped = np.zeros(batch, dtype=bool)
        self.c0 = c0
        self.t = 0

    def sum_squares(self, arrays, out):
        """Per-trajectory sum of squares of the parts `arrays` into out."""
        out[...] = 0
        for a, tmp, (_, _, axes) in zip(arrays, self.scratch, self.parts):
            np.multiply(a, a, out=tmp)
            out += tmp.sum(axis=axes)
        return out

    def __call__(self):
        o, t, loss = self.o, self.t, self.model.loss
        thetas = [theta for theta, _, _ in self.parts]
        if t == 0:
            gnorm0 = np.sqrt(self.sum_squares([g for _, g, _ in self.parts], self.sq))
            self.grad_limit2 = (o["gradTol"] * np.maximum(1, gnorm0)) ** 2
            self.loss_limit = o["divergeFactor"] * np.maximum(loss, self.c0)
        # rule 1: diverged
        too_big = np.zeros(loss.shape, dtype=bool)
        for theta, tmp, (_, _, axes) in zip(thetas, self.scratch, self.parts):
            np.abs(theta, out=tmp)
            too_big |= tmp.max(axis=axes) > o["paramLimit"]
        diverged = ~np.isfinite(loss) | (loss > self.loss_limit) | too_big
        # rule 2: the gradient norm held below its limit (squares compared: no square roots)
        below = self.sum_squares([g for _, g, _ in self.parts], self.sq) <= self.grad_limit2
        self.grad_hold += 1
        self.grad_hold *= below
        converged = self.grad_hold >= o["holdSteps"]
        # rule 3: ‖θ_t − θ_{t−k}‖ ≤ tol·(1 + ‖θ_{t−k}‖) held, per period
        norm = np.sqrt(self.sum_squares(thetas, self.acc))
        for j, k in enumerate(self.periods):
            slot = (t - k) % self.span
            diffs = [np.subtract(theta, ring[slot], out=tmp) for theta, ring, tmp in zip(thetas, self.ring, self.scratch)]
            self.period_hold[j] += 1
            self.period_hold[j] *= self.sum_squares(diffs, self.sq) <= self.ring_limit2[slot]
        periodic = (self.period_hold >= o["periodHold"]).any(axis=0)
        slot = t % self.span
        for theta, ring in zip(thetas, self.ring):
            ring[slot] = theta
        limit = self.ring_limit2[slot]
        np.multiply(norm + 1, o["periodTol"], out=limit)
        np.multiply(limit, limit, out=limit)
        np.minimum(self.loss_min, loss, out=self.loss_min)
        self.stopped |= diverged | converged | periodic
        self.t = t + 1


def make(workload, batch, seed):
    rng = np.random.default_rng(seed)
    dims = workload["dims"]
    if all(d == 1 for d in dims):
        return Scalar(len(dims) - 1, workload["sigma"][0], workload["cross"][0], workload["c0"],
                      workload["eta"], batch, workload["init_std"], rng)
    return Batched(dims, workload["sigma"], workload["cross"], workload["c0"], workload["eta"],
                   batch, workload["init_std"], rng)


def rate(workload, batch, steps, seed=0, classify=None):
    """Trajectory-steps per second of `steps` GD steps on one chunk of `batch` trajectories (classified: with the rules)."""
    model = make(workload, batch, seed)
    if classify is not None:
        model.observe = Classifier(model, classify, workload["c0"])
    model.step()  # warm up (first-touch of the buffers)
    start = time.perf_counter()
    for _ in range(steps):
        model.step()
    elapsed = time.perf_counter() - start
    finite = bool(np.isfinite(model.loss).all())
    return batch * steps / elapsed, finite


def bench(workload, chunks, repeats, budget, classify=None):
    """Chunk-size search with short bursts, then `repeats` timed runs at the best chunk."""
    search = []
    for batch in chunks:
        # a burst of ~budget/8 trajectory-steps, at least 3 steps
        steps = max(3, int(budget / 8 / batch))
        r, _ = rate(workload, batch, steps, classify=classify)
        search.append({"chunk": batch, "steps_per_s": r})
    best = max(search, key=lambda s: s["steps_per_s"])["chunk"]
    steps = max(5, int(budget / best))
    runs = []
    finite = True
    for k in range(repeats):
        r, ok = rate(workload, best, steps, seed=k + 1, classify=classify)
        runs.append(r)
        finite = finite and ok
    runs.sort()
    return {
        "chunk": best,
        "steps_per_chunk_run": steps,
        "search": search,
        "runs": runs,
        "median_steps_per_s": runs[len(runs) // 2],
        "finite": finite,
    }


def main():
    spec = json.load(open(sys.argv[1]))
    out = {"numpy": np.__version__, "python": sys.version.split()[0], "workloads": {}}
    for name, workload in spec["workloads"].items():
        result = bench(workload, workload["chunks"], spec["repeats"], workload["budget"])
        # with the classification: about 4× the array passes, so a quarter of the budget
        result["classified"] = bench(workload, workload["chunks"], spec["repeats"], workload["budget"] / 4,
                                     classify=spec["classify"])
        out["workloads"][name] = result
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
