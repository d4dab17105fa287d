#!/usr/bin/env python3
"""The NumPy peer of issue 7: what a strong Python user writes instead of eos-sweep.

Trajectories are stacked as (B, rows, cols) arrays and advanced together, B at
a time (a "chunk" sized to stay in cache); the data enter only through
Sigma = X X^T/n, C = Y X^T/n and c0 (as in eos-sweep); every product is one
batched np.matmul into a preallocated output (no temporaries in the loop).
A scalar network (all widths 1) is elementwise vector arithmetic over the
batch instead. One GD step computes, per trajectory, the loss, the gradient
(forward prefix products, G = P Sigma - C, backward products) and the update;
there is no classification (the peer gets that for free).

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
        for i in range(1, n + 1):
            grad[i] *= self.eta
            W[i] -= grad[i]


class Scalar:
    """GD on B scalar networks (all widths 1): elementwise arithmetic on (B,) vectors."""

    def __init__(self, depth, a, c, c0, eta, batch, std, rng):
        self.n = depth
        self.a, self.c, self.c0, self.eta = a, c, c0, eta
        self.w = [std * rng.standard_normal(batch) for _ in range(depth)]
        self.prefix = [np.empty(batch) for _ in range(depth + 1)]
        self.g = [np.empty(batch) for _ in range(depth)]
        self.d = np.empty(batch)
        self.q = np.empty(batch)
        self.loss = np.empty(batch)
        self.tmp = np.empty(batch)

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
        for i in range(n):
            g[i] *= self.eta
            w[i] -= g[i]


def make(workload, batch, seed):
    rng = np.random.default_rng(seed)
    dims = workload["dims"]
    if all(d == 1 for d in dims):
        return Scalar(len(dims) - 1, workload["sigma"][0], workload["cross"][0], workload["c0"],
                      workload["eta"], batch, workload["init_std"], rng)
    return Batched(dims, workload["sigma"], workload["cross"], workload["c0"], workload["eta"],
                   batch, workload["init_std"], rng)


def rate(workload, batch, steps, seed=0):
    """Trajectory-steps per second of `steps` GD steps on one chunk of `batch` trajectories."""
    model = make(workload, batch, seed)
    model.step()  # warm up (first-touch of the buffers)
    start = time.perf_counter()
    for _ in range(steps):
        model.step()
    elapsed = time.perf_counter() - start
    finite = bool(np.isfinite(model.loss).all())
    return batch * steps / elapsed, finite


def bench(workload, chunks, repeats, budget):
    """Chunk-size search with short bursts, then `repeats` timed runs at the best chunk."""
    search = []
    for batch in chunks:
        # a burst of ~budget/8 trajectory-steps, at least 3 steps
        steps = max(3, int(budget / 8 / batch))
        r, _ = rate(workload, batch, steps)
        search.append({"chunk": batch, "steps_per_s": r})
    best = max(search, key=lambda s: s["steps_per_s"])["chunk"]
    steps = max(5, int(budget / best))
    runs = []
    finite = True
    for k in range(repeats):
        r, ok = rate(workload, best, steps, seed=k + 1)
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
        out["workloads"][name] = bench(workload, workload["chunks"], spec["repeats"], workload["budget"])
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
