#!/usr/bin/env python3
"""The NumPy peer of eos-sweep's time to answer: a whole sweep, as a strong NumPy user writes it.

Every (step size, initialization) row sits in one batch: θ is one (rows, p) array, each layer a view
of it. The data enter only through Sigma, C and c0. GD runs in chunks of 32 steps; after each chunk
the rules are applied and the finished rows are dropped from every array. There is no sharpness.
Two rule sets (the second argument):

- chunk-end (the default; ChunkEndRules): the rules on each chunk's last state only, against the
  states 1, 2, 4, 8 and 16 steps back — cheap, with decisions on multiples of 32 steps;
- every-step (Rules): each step records what the rules need (loss, squared gradient norm, largest
  |θ_i|, the state into a history of 16 + 32 states) and the rules run over every step of the chunk
  — divergence, the gradient test held for holdSteps steps (global minimizer or saddle by L − L*),
  the period tests with their hold counts and orbit check — so decisions and step counts follow
  eos-sweep's step for step.

The rules are eos-sweep's defaults (docs/theory.md, "Classifying a trajectory"; classify.ts), except the
rare stability re-check of a convergence (it needs a sharpness). The initializations are drawn like
eos-sweep's (the same distribution, other random numbers), so the outcome counts agree within sampling
error.

Runs on one thread (the BLAS thread count is pinned before NumPy loads).
Usage: numpy_sweep.py SPEC.json [chunk-end | every-step]. SPEC.json: tools/bench/time-to-answer.mjs
writes it. Output: JSON on stdout: counts and seconds.
"""
import json
import os
import sys
import time

for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS"):
    os.environ[var] = "1"

import numpy as np  # noqa: E402

CHUNK = 32
# the ring of past states: the largest period and one more
OUTCOMES = ["converged", "saddle", "periodic", "diverged", "unresolved"]
RUNNING = -1
ORBIT_DECAY = 1e-2


class Network:
    """Loss and gradient of the rows' linear networks, from Sigma, C, c0; θ is (rows, p)."""

    def __init__(self, dims, sigma, cross, c0):
        self.dims = dims
        self.depth = len(dims) - 1
        d0 = dims[0]
        self.sigma = np.asarray(sigma, dtype=np.float64).reshape(d0, d0)
        self.cross = np.asarray(cross, dtype=np.float64).reshape(dims[-1], d0)
        self.c0 = c0
        # a scalar network's 1×1 products are elementwise ones, much faster than batched matmul
        self.mm = np.multiply if all(d == 1 for d in dims) else np.matmul
        self.W = self.G = None
        self.offsets = np.cumsum([0] + [dims[i] * dims[i - 1] for i in range(1, self.depth + 1)])
        self.p = int(self.offsets[-1])

    def layers(self, theta):
        rows = theta.shape[0]
        return [theta[:, self.offsets[i - 1]:self.offsets[i]].reshape(rows, self.dims[i], self.dims[i - 1])
                for i in range(1, self.depth + 1)]

    def bind(self, theta, grad):
        """The arrays the next steps work on (again after the rows are compacted): views of each layer."""
        self.W, self.G = self.layers(theta), self.layers(grad)

    def loss_and_grad(self):
        """Per-row loss at the bound θ; ∇L into the bound gradient."""
        mm, W, G = self.mm, self.W, self.G
        prefix = [None, W[0]]
        for i in range(2, self.depth + 1):
            prefix.append(mm(W[i - 1], prefix[i - 1]))
        P = prefix[self.depth]
        D = mm(P, self.sigma)
        D -= self.cross
        # L = ½ tr(P Σ Pᵀ) − tr(P Cᵀ) + c₀ = ½ tr(P (D − C)ᵀ) + c₀ with D = PΣ − C
        loss = 0.5 * np.einsum("bij,bij->b", P, D - self.cross) + self.c0
        for i in range(self.depth, 1, -1):
            mm(D, prefix[i - 1].swapaxes(1, 2), out=G[i - 1])
            D = mm(W[i - 1].swapaxes(1, 2), D)
        G[0][...] = D
        return loss


def initializations(net, init, n, rng):
    """n initializations, each layer Gaussian with its std (as eos-sweep's init.ts scales it)."""
    parts = []
    for i in range(1, net.depth + 1):
        fan_in, fan_out = net.dims[i - 1], net.dims[i]
        std = init["std"]
        if std == "xavier":
            std = np.sqrt(2 / (fan_in + fan_out))
        elif std == "he":
            std = np.sqrt(2 / fan_in)
        parts.append(std * rng.standard_normal((n, fan_in * fan_out)))
    return np.concatenate(parts, axis=1)


def run_length(ok, carry):
    """Per row, the length of the run of True ending at each step of the chunk, counting `carry` before it."""
    s = np.arange(ok.shape[0])[:, None]
    last_false = np.maximum.accumulate(np.where(ok, -1, s), axis=0)
    return np.where(last_false < 0, carry + s + 1, s - last_false), last_false


def first(mask):
    """Per row, the first step of the chunk where mask holds, or the chunk length."""
    return np.where(mask.any(axis=0), mask.argmax(axis=0), mask.shape[0])


class Rules:
    """The classification rules over one chunk of recorded steps, for all rows at once."""

    def __init__(self, o, periods, loss_min, loss, grad2, c0):
        if o["periodHold"] <= CHUNK:
            raise ValueError(f"this peer needs classify.periodHold > {CHUNK}")
        self.o, self.periods, self.loss_min = o, periods, loss_min
        self.loss_limit = o["divergeFactor"] * np.maximum(loss, c0)
        self.grad_limit2 = (o["gradTol"] * np.maximum(1, np.sqrt(grad2))) ** 2
        rows = loss.shape[0]
        self.grad_hold = np.zeros(rows, dtype=np.int64)
        self.hold = np.zeros((len(periods), rows), dtype=np.int64)
        self.hold_start = np.zeros((len(periods), rows))

    def keep(self, keep):
        self.loss_limit, self.grad_limit2 = self.loss_limit[keep], self.grad_limit2[keep]
        self.grad_hold, self.hold, self.hold_start = self.grad_hold[keep], self.hold[:, keep], self.hold_start[:, keep]

    def apply(self, t, L, G2, big, norm, past_norm, step1, dist):
        """Outcome (RUNNING if none), period and step of each row after the chunk's steps t, t + 1, …"""
        o, count, rows = self.o, L.shape[0], L.shape[1]
        diverged = ~((L <= self.loss_limit) & np.isfinite(G2) & (big <= o["paramLimit"]))
        runs, _ = run_length(G2 <= self.grad_limit2, self.grad_hold)
        held = runs >= o["holdSteps"]
        self.grad_hold = runs[-1]
        stop_div, stop_conv = first(diverged), first(held)
        stop_per = np.full(rows, count)
        found = np.zeros(rows, dtype=np.int64)
        steps = t + np.arange(count)[:, None]
        cols = np.arange(rows)
        for j, k in enumerate(self.periods):
            ok = (dist[j] <= o["periodTol"] * (1 + past_norm[j])) & (steps >= k)
            runs, last_false = run_length(ok, self.hold[j])
            # the window of the run at each step starts with the period-1 step at the run's first step
            began = last_false + 1
            start = np.where(last_false < 0, np.where(self.hold[j] == 0, step1[0], self.hold_start[j]),
                             step1[np.minimum(began, count - 1), cols])
            # where the hold count reaches periodHold (at the orbit's phase) the orbit test decides; failing, it
            # restarts the count — at most once in a chunk, as periodHold > CHUNK
            due = first((runs >= o["periodHold"]) & ((runs - 1) % k == 0))
            at = np.minimum(due, count - 1)
            step1_at = step1[at, cols]
            orbit = (step1_at > o["periodAmplitude"] * (1 + norm[at, cols])) & (
                step1_at >= (1 - ORBIT_DECAY) * start[at, cols])
            fire = (due < count) & orbit & (due < stop_per)
            stop_per[fire], found[fire] = due[fire], k
            restarted = (due < count) & ~orbit & (last_false[-1] < due)
            self.hold[j] = np.where(restarted, runs[-1] - runs[at, cols], runs[-1])
            self.hold_start[j] = np.where(restarted, step1[np.minimum(at + 1, count - 1), cols], start[-1])
        stop = np.minimum(np.minimum(stop_div, stop_conv), stop_per)
        state = np.full(rows, RUNNING)
        fired = stop < count
        at = np.minimum(stop, count - 1)
        good = L[at, np.arange(rows)] - self.loss_min <= o["lossTol"] * max(1, self.loss_min)
        state[fired & (stop == stop_per)] = OUTCOMES.index("periodic")
        state[fired & (stop == stop_conv) & ~good] = OUTCOMES.index("saddle")
        state[fired & (stop == stop_conv) & good] = OUTCOMES.index("converged")
        state[fired & (stop == stop_div)] = OUTCOMES.index("diverged")
        return state, np.where(state == OUTCOMES.index("periodic"), found, 0), t + stop


def start(spec, rules_class):
    """The batch before its first step: every (η, initialization) row, its ∇L at θ_0 and the rules' state.

    Returns the network, θ, ∇L, L, η per row, each row's place in the result, the result arrays (outcome,
    period, steps) and the rules."""
    o = spec["classify"]
    net = Network(spec["dims"], spec["sigma"], spec["cross"], spec["c0"])
    etas = np.asarray(spec["etas"], dtype=np.float64)
    n = spec["trajectories"]
    theta = np.tile(initializations(net, spec["init"], n, np.random.default_rng(spec["seed"])), (len(etas), 1))
    rows = theta.shape[0]
    grad = np.empty_like(theta)
    net.bind(theta, grad)
    loss = net.loss_and_grad()
    rules = rules_class(o, list(o["periods"]), spec["lossMin"], loss, (grad * grad).sum(axis=1), net.c0)
    result = (np.full(rows, RUNNING), np.zeros(rows, dtype=np.int64), np.zeros(rows, dtype=np.int64))
    return net, theta, grad, loss, np.repeat(etas, n)[:, None], np.arange(rows), result, rules


def sweep(spec):
    max_steps = spec["maxSteps"]
    periods = list(spec["classify"]["periods"])
    back = max(periods)
    net, theta, grad, loss, eta, row, (outcome, period, steps), rules = start(spec, Rules)
    rows = theta.shape[0]
    # the last `back` states before the chunk, then the chunk's
    history = np.zeros((back + CHUNK, rows, net.p))
    t = 0
    while rows > 0:
        count = min(CHUNK, max_steps + 1 - t)
        L = np.empty((count, rows))
        G2 = np.empty((count, rows))
        for s in range(count):
            if t + s > 0:
                loss = net.loss_and_grad()
            L[s] = loss
            G2[s] = np.einsum("ij,ij->i", grad, grad)
            history[back + s] = theta
            theta -= eta * grad
        here = history[back:back + count]
        big = np.abs(here).max(axis=2)
        norms = np.sqrt(np.einsum("sij,sij->si", history[:back + count], history[:back + count]))
        norm = norms[back:]
        dist = np.empty((len(periods), count, rows))
        past_norm = np.empty((len(periods), count, rows))
        step1 = np.empty((count, rows))
        for j, k in enumerate(periods + [1]):
            for a in range(0, count, 8):  # 8 steps at a time: bounded temporaries
                b = min(count, a + 8)
                d = here[a:b] - history[back + a - k:back + b - k]
                out = step1[a:b] if k == 1 else dist[j, a:b]
                np.sqrt(np.einsum("sij,sij->si", d, d), out=out)
            if k != 1:
                past_norm[j] = norms[back - k:back - k + count]
        state, stop_period, stop_step = rules.apply(t, L, G2, big, norm, past_norm, step1, dist)
        t += count
        if t > max_steps:
            state[state == RUNNING] = OUTCOMES.index("unresolved")
            stop_step = np.where(state == OUTCOMES.index("unresolved"), max_steps, stop_step)
        done = state != RUNNING
        outcome[row[done]] = state[done]
        period[row[done]] = stop_period[done]
        steps[row[done]] = stop_step[done]
        keep = ~done
        history[:back] = history[count:count + back]
        row, theta, eta, grad, loss = row[keep], theta[keep], eta[keep], grad[keep], loss[keep]
        net.bind(theta, grad)
        history = history[:, keep]
        rules.keep(keep)
        rows = theta.shape[0]
    return outcome, period, steps


class ChunkEndRules:
    """The rules on each chunk's last state only, as a NumPy user writes them to keep the checks cheap.

    At every CHUNK-th step (and at maxSteps) the state is tested: divergence (loss limit, finite gradient,
    largest |θ_i|), the gradient test on that state, and for each period k the distance to the state k steps
    back (the last `back` states are kept) with its orbit check. A period test that holds at
    ⌈periodHold / CHUNK⌉ checks in a row decides, as long as the period-1 displacement is still above
    periodAmplitude and has not decayed since the first of them; otherwise its count restarts. Decisions fall
    on check steps only, so `steps` is rounded up to a multiple of CHUNK."""

    def __init__(self, o, periods, loss_min, loss, grad2, c0):
        self.o, self.periods, self.loss_min = o, periods, loss_min
        self.loss_limit = o["divergeFactor"] * np.maximum(loss, c0)
        self.grad_limit2 = (o["gradTol"] * np.maximum(1, np.sqrt(grad2))) ** 2
        self.checks = -(-o["periodHold"] // CHUNK)
        rows = loss.shape[0]
        self.hold = np.zeros((len(periods), rows), dtype=np.int64)
        self.hold_start = np.zeros((len(periods), rows))

    def keep(self, keep):
        self.loss_limit, self.grad_limit2 = self.loss_limit[keep], self.grad_limit2[keep]
        self.hold, self.hold_start = self.hold[:, keep], self.hold_start[:, keep]

    def apply(self, t, theta, loss, grad, past, fresh):
        """Outcome (RUNNING if none) and period of each row at check step t; past[j] is θ_{t−k} for the j-th of
        (1, *periods), kept for k ≤ fresh (the steps since the last check)."""
        o = self.o
        rows = theta.shape[0]
        grad2 = np.einsum("ij,ij->i", grad, grad)
        diverged = ~((loss <= self.loss_limit) & np.isfinite(grad2) & (np.abs(theta).max(axis=1) <= o["paramLimit"]))
        state = np.full(rows, RUNNING)
        found = np.zeros(rows, dtype=np.int64)
        if fresh > 0:
            norm = np.sqrt(np.einsum("ij,ij->i", theta, theta))
            d1 = theta - past[0]  # lag 1
            step1 = np.sqrt(np.einsum("ij,ij->i", d1, d1))
            for j, k in reversed(list(enumerate(self.periods))):
                if k > fresh:
                    continue
                d = theta - past[j + 1]
                past_norm = np.sqrt(np.einsum("ij,ij->i", past[j + 1], past[j + 1]))
                ok = np.sqrt(np.einsum("ij,ij->i", d, d)) <= o["periodTol"] * (1 + past_norm)
                self.hold_start[j] = np.where(ok & (self.hold[j] == 0), step1, self.hold_start[j])
                self.hold[j] = np.where(ok, self.hold[j] + 1, 0)
                due = self.hold[j] >= self.checks
                orbit = (step1 > o["periodAmplitude"] * (1 + norm)) & (step1 >= (1 - ORBIT_DECAY) * self.hold_start[j])
                fire = due & orbit
                # the smallest period that fires wins: the loop runs from the largest down
                found[fire] = k
                self.hold[j][due & ~orbit] = 0
            state[found > 0] = OUTCOMES.index("periodic")
        held = grad2 <= self.grad_limit2
        good = loss - self.loss_min <= o["lossTol"] * max(1, self.loss_min)
        state[held & ~good] = OUTCOMES.index("saddle")
        state[held & good] = OUTCOMES.index("converged")
        state[diverged] = OUTCOMES.index("diverged")
        return state, np.where(state == OUTCOMES.index("periodic"), found, 0)


def sweep_chunk_end(spec):
    """The sweep with ChunkEndRules: GD runs CHUNK steps between checks, keeping only the states they read."""
    max_steps = spec["maxSteps"]
    periods = list(spec["classify"]["periods"])
    net, theta, grad, loss, eta, row, (outcome, period, steps), rules = start(spec, ChunkEndRules)
    rows = theta.shape[0]
    # at a check step t, past[j] holds θ_{t−lags[j]}: only the states the tests read are kept
    lags = [1] + periods
    slot = {lag: j for j, lag in enumerate(lags)}
    past = np.zeros((len(lags), rows, net.p))
    t = count = 0
    while rows > 0:
        state, found = rules.apply(t, theta, loss, grad, past, count)
        if t == max_steps:
            state[state == RUNNING] = OUTCOMES.index("unresolved")
        done = state != RUNNING
        outcome[row[done]], period[row[done]], steps[row[done]] = state[done], found[done], t
        if done.any():
            keep = ~done
            row, theta, eta, grad, loss, past = row[keep], theta[keep], eta[keep], grad[keep], loss[keep], past[:, keep]
            net.bind(theta, grad)
            rules.keep(keep)
            rows = theta.shape[0]
        count = min(CHUNK, max_steps - t)
        for s in range(count):
            j = slot.get(count - s)
            if j is not None:
                past[j] = theta
            theta -= eta * grad
            loss = net.loss_and_grad()
        t += count
    return outcome, period, steps


def main():
    start = time.perf_counter()
    spec = json.load(open(sys.argv[1]))
    rules = sys.argv[2] if len(sys.argv) > 2 else "chunk-end"
    # diverging rows overflow by design: the rules read the infinities and NaNs
    with np.errstate(all="ignore"):
        outcome, _period, steps = {"chunk-end": sweep_chunk_end, "every-step": sweep}[rules](spec)

    def counts(rows):
        table = {name: int((rows == i).sum()) for i, name in enumerate(OUTCOMES)}
        table["trajectories"] = int(rows.size)
        return table

    per_eta = outcome.reshape(len(spec["etas"]), spec["trajectories"])
    json.dump({"numpy": np.__version__, "counts": counts(outcome), "perEta": [counts(rows) for rows in per_eta],
               "rules": rules, "steps": int(steps.sum()), "seconds": time.perf_counter() - start}, sys.stdout)


if __name__ == "__main__":
    main()
