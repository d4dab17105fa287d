#!/usr/bin/env node
/**
 * `npm run bench`: trajectory-steps per second and GFLOP/s of the
 * GD hot loop on three workloads,
 *
 *   A  scalar network, depth 2, one point x = y = 1
 *   B  d_in = h = d_out = 4, depth 3, random data
 *   C  d_in = 16, h = 16, d_out = 8, depth 4, random data
 *
 * measured three ways:
 *
 *   (i)   in-process: TrajectoryRunner with the kernel selected for the shape
 *         (and, for comparison, with the reference LinearNet kernel),
 *   (ii)  the real CLI, `eos-sweep run --workers 1` and `--workers 2`: the
 *         whole process (start-up, planning, workers, classification,
 *         Parquet) — steps from run.json's performance.steps over the wall
 *         time of the process,
 *   (iii) the NumPy peer (tools/bench/numpy_baseline.py: batched
 *         (B, rows, cols) matmul GD in cache-sized chunks, chunk size
 *         searched), skipped with a message when python3/NumPy are missing;
 *         and the same peer applying eos-sweep's classification rules every
 *         step ("np+rules", the like-for-like figure).
 *
 * Every figure is the median of several runs; the core count and the load
 * average before and after are recorded, because a shared machine makes
 * absolute numbers noisy. The step size is a small fraction of η_c, so that
 * trajectories converge slowly and run to the step budget: the figures are
 * those of the loop, not of per-trajectory set-up.
 *
 * and a time-to-answer section (time-to-answer.mjs): whole sweeps S1–S4 and
 * a 2560-parameter network, `eos-sweep run --workers 1` against the NumPy
 * peer numpy_sweep.py, wall and CPU seconds and the outcome counts compared.
 *
 * Usage: node tools/bench/bench.mjs [--quick] [--out FILE] [--runs N]
 *          [--workloads A,B,C,S1,S2,S3,S4,W32] [--skip inprocess,reference,cli,numpy]
 *          [--baseline DIR]
 * --baseline DIR: another built checkout of eos-sweep (e.g. a `git worktree` of an older commit, after
 * `npm ci`), whose command the time-to-answer section times too, interleaved with this one's: a before and
 * after on the same machine at the same time.
 * Needs the built packages (`npm run build`, or `npx tsc -b tsconfig.build.json`).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ANSWER_HEADERS, ANSWER_WORKLOADS, answerRows, timeToAnswer } from './time-to-answer.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const CORE = join(ROOT, 'packages/core/dist/index.js');
const CONFIG = join(ROOT, 'packages/config/dist/index.js');
const ENGINE = join(ROOT, 'packages/engine/dist/index.js');
const CLI = join(ROOT, 'apps/cli/dist/main.js');
const NUMPY_SCRIPT = join(ROOT, 'tools/bench/numpy_baseline.py');

// ---------------------------------------------------------------- options

function parseArgs(argv) {
  const opts = {
    quick: false,
    out: null,
    runs: null,
    workloads: ['A', 'B', 'C', ...Object.keys(ANSWER_WORKLOADS)],
    skip: new Set(),
    baseline: null,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) fail(`${a} needs a value`);
      return argv[++i];
    };
    if (a === '--quick') opts.quick = true;
    else if (a === '--out') opts.out = value();
    else if (a === '--runs') opts.runs = positiveInt(value(), '--runs');
    else if (a === '--workloads') opts.workloads = value().split(',');
    else if (a === '--skip') for (const s of value().split(',')) opts.skip.add(s);
    else if (a === '--baseline') opts.baseline = join(resolve(value()), 'apps/cli/dist/main.js');
    else if (a === '-h' || a === '--help') {
      console.log(readFileSync(fileURLToPath(import.meta.url), 'utf8').split('*/')[0]);
      process.exit(0);
    } else fail(`unknown option ${a} (see --help)`);
  }
  for (const w of opts.workloads) {
    if (!WORKLOADS[w] && !ANSWER_WORKLOADS[w]) fail(`--workloads: unknown workload ${w}`);
  }
  if (opts.baseline && !existsSync(opts.baseline))
    fail(`--baseline: ${opts.baseline} does not exist (build that checkout first)`);
  opts.answer = opts.workloads.filter((w) => ANSWER_WORKLOADS[w]);
  opts.workloads = opts.workloads.filter((w) => WORKLOADS[w]);
  opts.runs ??= opts.quick ? 3 : 5;
  return opts;
}

function positiveInt(s, name) {
  const n = Number(s);
  if (!Number.isInteger(n) || n < 1) fail(`${name} must be a positive integer`);
  return n;
}

function fail(message) {
  console.error(`bench: ${message}`);
  process.exit(2);
}

// ---------------------------------------------------------------- workloads

/**
 * Each workload: the network, its data (as an eos-sweep config `data` block,
 * so the CLI builds exactly the same problem), the Gaussian init std, the
 * step size as a fraction of η_c, the step budget, and how many trajectories
 * each measurement runs (full / --quick). The CLI runs are sized to take
 * ~10 s with one worker, so that the fixed cost of a process (~1 s: start-up,
 * worker start, the theory) is a small part of the whole.
 */
const WORKLOADS = {
  A: {
    label: 'scalar, depth 2',
    depth: 2,
    hidden: 1,
    data: { kind: 'point', x: [1], y: [1] },
    std: 1,
    etaRatio: 0.001,
    maxSteps: 5000,
    inprocess: [8000, 2000],
    cli: [200000, 40000],
    numpy: { chunks: [1024, 4096, 16384, 65536], budget: [4e7, 1e7] },
  },
  B: {
    label: 'd_in = h = d_out = 4, depth 3',
    depth: 3,
    hidden: 4,
    data: { kind: 'random', dIn: 4, dOut: 4, n: 64, whiten: false, noise: 0.1, seed: 1 },
    std: 0.5,
    etaRatio: 0.01,
    maxSteps: 5000,
    inprocess: [600, 120],
    cli: [20000, 4000],
    numpy: { chunks: [64, 256, 1024, 4096], budget: [4e6, 1e6] },
  },
  C: {
    label: 'd_in = 16, h = 16, d_out = 8, depth 4',
    depth: 4,
    hidden: 16,
    data: { kind: 'random', dIn: 16, dOut: 8, n: 256, whiten: false, noise: 0.1, seed: 1 },
    std: 0.25,
    etaRatio: 0.01,
    maxSteps: 2000,
    inprocess: [40, 10],
    cli: [960, 240],
    numpy: { chunks: [16, 64, 256, 1024], budget: [4e5, 1e5] },
  },
};

/**
 * Floating-point operations of one GD step, counted the same way for every
 * implementation: 2 per multiply-add of the loss-and-gradient evaluation
 * (forward prefix products, Q = PΣ, the two traces, backward products; see
 * core's mulAddsPerStep), 1 per entry of G = Q − C, and 2 per parameter for
 * the update θ −= η∇L. Classification and norms are not counted.
 */
function flopsPerStep(core, dims) {
  const p = core.makeLayout(dims).paramCount;
  return 2 * core.mulAddsPerStep(dims) + dims[dims.length - 1] * dims[0] + 2 * p;
}

function buildProblem(core, w) {
  const d = w.data;
  const data =
    d.kind === 'point'
      ? core.pointData(d.x, d.y)
      : core.randomData({ dIn: d.dIn, dOut: d.dOut, n: d.n, whiten: d.whiten, noise: d.noise, seed: d.seed });
  const stats = core.dataStats(data, 'mean');
  const dims = core.networkDims(stats.dIn, stats.dOut, w.depth, w.hidden);
  return core.makeProblem(core.makeLayout(dims), stats);
}

// ---------------------------------------------------------------- helpers

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

const fmt = (x) => (x === null || x === undefined || Number.isNaN(x) ? '–' : x.toExponential(2));
const fmtRatio = (x) => (x === null || x === undefined || Number.isNaN(x) ? '–' : `${x.toFixed(2)}×`);
const fmtG = (x) => (x === null || x === undefined || Number.isNaN(x) ? '–' : x.toFixed(2));

function log(message) {
  process.stderr.write(`${message}\n`);
}

// ---------------------------------------------------------------- (i) in-process

function inProcess(core, w, problem, theory, kernel, trajectories, runs) {
  const options = {
    maxSteps: w.maxSteps,
    classify: core.DEFAULT_CLASSIFY,
    lossMin: theory.lossMin,
    sharpness: false,
    weights: false,
    kernel,
  };
  const runner = new core.TrajectoryRunner(problem, options);
  const eta = w.etaRatio * theory.etaCritical;
  const spec = { kind: 'gaussian', std: w.std };
  const pass = (count) => {
    let steps = 0;
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    // as the worker runs a task: scalar networks in SIMD lanes, others one by one
    runner.runMany(
      eta,
      count,
      (k, theta0) => core.initialParams(problem.layout, spec, 42, k, theta0),
      (_k, result) => {
        steps += result.steps;
      },
    );
    const cpu = process.cpuUsage(c0);
    return { steps, seconds: (performance.now() - t0) / 1000, cpuSeconds: (cpu.user + cpu.system) / 1e6 };
  };
  pass(Math.max(1, trajectories >> 3)); // warm-up: let V8 optimise the loop
  const results = [];
  for (let r = 0; r < runs; r++) results.push(pass(trajectories));
  return {
    kernel: runner.batchKernel,
    trajectories,
    steps: results[0].steps,
    runs: results.map((x) => x.steps / x.seconds),
    cpuRuns: results.map((x) => x.steps / x.cpuSeconds),
    stepsPerSecond: median(results.map((x) => x.steps / x.seconds)),
    stepsPerCpuSecond: median(results.map((x) => x.steps / x.cpuSeconds)),
  };
}

// ---------------------------------------------------------------- (ii) CLI

function cliConfig(name, w, trajectories) {
  return {
    name: `bench-${name}`,
    seed: 42,
    model: { depth: w.depth, hidden: w.hidden },
    data: w.data,
    loss: { normalization: 'mean' },
    init: { kind: 'gaussian', std: w.std },
    sweep: { eta: { values: [w.etaRatio] }, relative: true, trajectories, maxSteps: w.maxSteps },
    record: { sharpness: false, weights: false },
  };
}

/** One `eos-sweep run` process: wall time, steps, CPU time and peak RSS. */
function cliOnce(config, workers, taskSize, out) {
  const args = [CLI, 'run', config, '--workers', String(workers), '--task-size', String(taskSize)];
  // no figures: the issue's whole process is start-up, planning, classification and Parquet
  args.push('--out', out, '--quiet', '--json', '--no-report');
  const haveTime = existsSync('/usr/bin/time');
  const cmd = haveTime ? '/usr/bin/time' : process.execPath;
  const cmdArgs = haveTime ? ['-f', 'BENCH_MAXRSS_KB=%M BENCH_CPU=%U+%S', process.execPath, ...args] : args;
  const t0 = performance.now();
  const child = spawnSync(cmd, cmdArgs, { encoding: 'utf8', maxBuffer: 64 << 20 });
  const wall = (performance.now() - t0) / 1000;
  if (child.status !== 0) throw new Error(`eos-sweep run exited with ${child.status}: ${child.stderr.slice(-2000)}`);
  const result = JSON.parse(child.stdout);
  const rss = /BENCH_MAXRSS_KB=(\d+)/.exec(child.stderr);
  const cpu = /BENCH_CPU=([\d.]+)\+([\d.]+)/.exec(child.stderr);
  rmSync(out, { recursive: true, force: true });
  return {
    wall,
    steps: result.performance.steps,
    poolSeconds: result.performance.seconds,
    etaCritical: result.theory.eta_critical,
    maxRssMB: rss ? Number(rss[1]) / 1024 : Number.NaN,
    cpuSeconds: cpu ? Number(cpu[1]) + Number(cpu[2]) : Number.NaN,
  };
}

/**
 * The CLI on `trajectories` trajectories with `workers` workers, `runs` times,
 * and as often on one trajectory (the fixed cost: start-up, the theory — a
 * numerical λ* takes seconds for C —, worker start, writing the outputs).
 * Reports the whole-process rate (steps over wall time, what the issue's
 * targets are about) and the marginal rate (extra steps over extra wall
 * time: the throughput of the pipeline once started).
 */
function cliRun(name, w, trajectories, workers, runs, scratch) {
  // 8 tasks: 4 per worker with --workers 2; larger tasks cost less per-task overhead (journal fsync)
  const taskSize = Math.max(1, Math.ceil(trajectories / 8));
  const full = join(scratch, `${name}.json`);
  writeFileSync(full, JSON.stringify(cliConfig(name, w, trajectories), null, 2));
  const fixed = join(scratch, `${name}-fixed.json`);
  writeFileSync(fixed, JSON.stringify(cliConfig(name, w, 1), null, 2));
  const results = [];
  const fixedResults = [];
  for (let r = 0; r < runs; r++) {
    results.push(cliOnce(full, workers, taskSize, join(scratch, `${name}-w${workers}-${r}`)));
    fixedResults.push(cliOnce(fixed, workers, 1, join(scratch, `${name}-w${workers}-fixed-${r}`)));
  }
  const wall = median(results.map((x) => x.wall));
  const fixedWall = median(fixedResults.map((x) => x.wall));
  const steps = results[0].steps;
  return {
    workers,
    trajectories,
    taskSize,
    steps,
    etaCritical: results[0].etaCritical,
    wallSeconds: results.map((x) => x.wall),
    fixedWallSeconds: fixedResults.map((x) => x.wall),
    runs: results.map((x) => x.steps / x.wall),
    /** whole process: steps / wall time */
    stepsPerSecond: median(results.map((x) => x.steps / x.wall)),
    /** (steps − steps of the 1-trajectory run) / (wall − its wall): the pipeline without its fixed cost */
    marginalStepsPerSecond: (steps - fixedResults[0].steps) / Math.max(1e-9, wall - fixedWall),
    /** steps over run.json's performance.seconds (includes the theory and worker start, not the Parquet files) */
    poolStepsPerSecond: median(results.map((x) => x.steps / x.poolSeconds)),
    /** steps per CPU-second of the whole process (all threads): less sensitive to other load than the wall rate */
    stepsPerCpuSecond: median(results.map((x) => x.steps / x.cpuSeconds)),
    maxRssMB: median(results.map((x) => x.maxRssMB)),
  };
}

// ---------------------------------------------------------------- (iii) NumPy

function numpyBaseline(core, selected, problems, quick, runs, scratch) {
  const python = spawnSync('python3', ['-c', 'import numpy; print(numpy.__version__)'], { encoding: 'utf8' });
  if (python.error || python.status !== 0) {
    const why = python.error ? 'python3 was not found' : 'NumPy is not installed for python3';
    return { skipped: `${why}; the NumPy baseline was skipped` };
  }
  // the rules eos-sweep applies every step, for the peer's "classified" figure
  const spec = { repeats: runs, classify: core.DEFAULT_CLASSIFY, workloads: {} };
  for (const name of selected) {
    const w = WORKLOADS[name];
    const { problem, theory } = problems[name];
    spec.workloads[name] = {
      dims: problem.layout.dims,
      sigma: Array.from(problem.stats.sigma),
      cross: Array.from(problem.stats.cross),
      c0: problem.stats.c0,
      eta: w.etaRatio * theory.etaCritical,
      init_std: w.std,
      chunks: w.numpy.chunks,
      budget: w.numpy.budget[quick ? 1 : 0],
    };
  }
  const file = join(scratch, 'numpy-spec.json');
  writeFileSync(file, JSON.stringify(spec));
  const child = spawnSync('python3', [NUMPY_SCRIPT, file], { encoding: 'utf8', maxBuffer: 64 << 20 });
  if (child.status !== 0) return { skipped: `the NumPy baseline failed: ${child.stderr.slice(-1000)}` };
  return JSON.parse(child.stdout);
}

// ---------------------------------------------------------------- main

function machine() {
  const cpus = os.cpus();
  return {
    cores: cpus.length,
    cpu: cpus[0]?.model ?? 'unknown',
    mhz: cpus[0]?.speed ?? null,
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    loadavg: os.loadavg(),
  };
}

function table(rows, headers) {
  const cells = [headers, ...rows].map((r) => r.map(String));
  const widths = headers.map((_, j) => Math.max(...cells.map((r) => r[j].length)));
  return cells
    .map((r) => r.map((c, j) => (j === 0 ? c.padEnd(widths[j]) : c.padStart(widths[j]))).join('  '))
    .join('\n');
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  for (const f of [CORE, CONFIG, ENGINE, CLI]) {
    if (!existsSync(f)) fail(`${f} is missing: build first (npm run build, or npx tsc -b tsconfig.build.json)`);
  }
  const core = await import(pathToFileURL(CORE).href);
  const started = new Date();
  const before = machine();
  log(
    `bench: ${before.cores} cores (${before.cpu}), load average ${before.loadavg.map((x) => x.toFixed(2)).join(' ')}`,
  );
  const scratch = mkdtempSync(join(os.tmpdir(), 'eos-bench-'));
  const q = opts.quick ? 1 : 0;
  const problems = {};
  const report = {
    startedAt: started.toISOString(),
    quick: opts.quick,
    runs: opts.runs,
    machine: before,
    workloads: {},
  };
  try {
    for (const name of opts.workloads) {
      const w = WORKLOADS[name];
      const problem = buildProblem(core, w);
      const theory = core.theory(problem);
      problems[name] = { problem, theory };
      const dims = problem.layout.dims;
      const entry = {
        label: w.label,
        dims,
        paramCount: problem.layout.paramCount,
        flopsPerStep: flopsPerStep(core, dims),
        // what a worker's runMany runs on: SIMD lanes for small networks, else the shape's kernel
        kernel: new core.TrajectoryRunner(problem, {
          maxSteps: w.maxSteps,
          classify: core.DEFAULT_CLASSIFY,
          lossMin: theory.lossMin,
          sharpness: false,
          weights: false,
        }).batchKernel,
        eta: w.etaRatio * theory.etaCritical,
        etaRatio: w.etaRatio,
        etaCritical: theory.etaCritical,
        initStd: w.std,
        maxSteps: w.maxSteps,
      };
      report.workloads[name] = entry;
      if (!opts.skip.has('inprocess')) {
        log(`bench: ${name} in-process (${entry.kernel})`);
        entry.inProcess = inProcess(core, w, problem, theory, 'auto', w.inprocess[q], opts.runs);
      }
      if (!opts.skip.has('reference')) {
        log(`bench: ${name} in-process (reference LinearNet)`);
        const n = Math.max(1, w.inprocess[q] >> 2);
        entry.reference = inProcess(core, w, problem, theory, 'reference', n, opts.runs);
      }
      if (!opts.skip.has('cli')) {
        for (const workers of [1, 2]) {
          log(`bench: ${name} eos-sweep run --workers ${workers}`);
          entry[`cli${workers}`] = cliRun(name, w, w.cli[q], workers, opts.runs, scratch);
        }
        const etaCli = entry.cli1.etaCritical;
        if (Math.abs(etaCli - theory.etaCritical) > 1e-12 * theory.etaCritical) {
          log(`bench: warning: the CLI's η_c (${etaCli}) differs from the in-process one (${theory.etaCritical})`);
        }
      }
    }
    if (!opts.skip.has('numpy') && opts.workloads.length > 0) {
      log('bench: NumPy baseline (chunk-size search, one thread)');
      const np = numpyBaseline(core, opts.workloads, problems, opts.quick, opts.runs, scratch);
      report.numpy = np;
      if (np.skipped) log(`bench: ${np.skipped}`);
      else for (const name of opts.workloads) report.workloads[name].numpy = np.workloads[name];
    }
    if (opts.answer.length > 0) {
      const modules = {
        config: await import(pathToFileURL(CONFIG).href),
        engine: await import(pathToFileURL(ENGINE).href),
      };
      // whole sweeps take seconds to minutes each: at most 3 runs, one with --quick
      const runs = opts.quick ? 1 : Math.min(opts.runs, 3);
      report.answer = {
        runs,
        baseline: opts.baseline,
        workloads: await timeToAnswer({
          names: opts.answer,
          runs,
          scratch,
          cli: CLI,
          baselineCli: opts.baseline,
          modules,
          log,
        }),
      };
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  report.loadavgAfter = os.loadavg();
  report.endedAt = new Date().toISOString();

  const outFile =
    opts.out ??
    join(ROOT, 'tools/bench/results', `bench-${started.toISOString().slice(0, 10)}${opts.quick ? '-quick' : ''}.json`);
  mkdirSync(dirname(resolve(outFile)), { recursive: true });
  // the measurements first: formatting them must not lose them
  writeFileSync(outFile, `${JSON.stringify(report, null, 2)}\n`);

  // GFLOP/s and ratios
  const rates = [];
  const ratios = [];
  for (const name of opts.workloads) {
    const e = report.workloads[name];
    const np = e.numpy?.median_steps_per_s ?? null;
    const npClassified = e.numpy?.classified?.median_steps_per_s ?? null;
    const g = (rate) => (rate ? (rate * e.flopsPerStep) / 1e9 : null);
    const vsNumpy = (rate) => (rate && np ? rate / np : null);
    const div = (a, b) => (a && b ? a / b : null);
    e.gflops = {
      inProcess: g(e.inProcess?.stepsPerSecond),
      reference: g(e.reference?.stepsPerSecond),
      cli1: g(e.cli1?.stepsPerSecond),
      cli2: g(e.cli2?.stepsPerSecond),
      numpy: g(np),
    };
    e.numpyClassified = npClassified;
    e.ratios = {
      inProcessVsNumpy: vsNumpy(e.inProcess?.stepsPerSecond),
      cli1VsNumpy: vsNumpy(e.cli1?.stepsPerSecond),
      cli1MarginalVsNumpy: vsNumpy(e.cli1?.marginalStepsPerSecond),
      cli2VsNumpy: vsNumpy(e.cli2?.stepsPerSecond),
      /** against the peer that also classifies every step (numpy_baseline.py's Classifier) */
      cli1VsNumpyClassified: div(e.cli1?.stepsPerSecond, npClassified),
      kernelVsReference: div(e.inProcess?.stepsPerSecond, e.reference?.stepsPerSecond),
      /** --workers 2 over --workers 1, whole process and marginal */
      scaling: div(e.cli2?.stepsPerSecond, e.cli1?.stepsPerSecond),
      scalingMarginal: div(e.cli2?.marginalStepsPerSecond, e.cli1?.marginalStepsPerSecond),
      /** the CLI's marginal rate with one worker over the same kernel in-process: 1 − this is what the pool, the journal and the outputs cost */
      marginalVsInProcess: div(e.cli1?.marginalStepsPerSecond, e.inProcess?.stepsPerSecond),
    };
    rates.push([
      `${name} ${e.dims.join('×')}`,
      e.kernel,
      fmt(e.reference?.stepsPerSecond),
      fmt(e.inProcess?.stepsPerSecond),
      fmtG(e.gflops.inProcess),
      fmt(e.cli1?.stepsPerSecond),
      fmt(e.cli1?.marginalStepsPerSecond),
      fmt(e.cli2?.stepsPerSecond),
      fmt(e.cli2?.marginalStepsPerSecond),
      fmt(np),
      e.numpy ? String(e.numpy.chunk) : '–',
      fmtG(e.gflops.numpy),
      fmt(npClassified),
    ]);
    ratios.push([
      `${name} ${e.dims.join('×')}`,
      fmtRatio(e.ratios.kernelVsReference),
      fmtRatio(e.ratios.inProcessVsNumpy),
      fmtRatio(e.ratios.cli1VsNumpy),
      fmtRatio(e.ratios.cli1MarginalVsNumpy),
      fmtRatio(e.ratios.scaling),
      fmtRatio(e.ratios.scalingMarginal),
      fmtRatio(e.ratios.marginalVsInProcess),
      fmtRatio(e.ratios.cli1VsNumpyClassified),
      e.cli1 ? `${e.cli1.maxRssMB.toFixed(0)} / ${e.cli2.maxRssMB.toFixed(0)}` : '–',
    ]);
  }
  const rateText = table(rates, [
    'workload',
    'kernel',
    'reference',
    'kernel',
    'GFLOP/s',
    'cli w1',
    'w1 marginal',
    'cli w2',
    'w2 marginal',
    'numpy',
    'chunk',
    'GFLOP/s',
    'np+rules',
  ]);
  const ratioText = table(ratios, [
    'workload',
    'kernel÷ref',
    'kernel÷np',
    'w1÷np',
    'w1 marg.÷np',
    'w2÷w1',
    'w2÷w1 marg.',
    'w1 marg.÷kernel',
    'w1÷np+rules',
    'peak RSS MB w1/w2',
  ]);
  const loads = (l) => l.map((x) => x.toFixed(2)).join(' ');
  const footer =
    `${before.cores} cores, ${before.cpu}; load average ${loads(before.loadavg)} before, ${loads(report.loadavgAfter)} after; ` +
    `Node ${before.node}${report.numpy?.numpy ? `, NumPy ${report.numpy.numpy} (one thread)` : ''}`;
  const perStep =
    opts.workloads.length === 0
      ? ''
      : `trajectory-steps per second, median of ${opts.runs} runs${opts.quick ? ' (--quick)' : ''}\n${rateText}\n\n${ratioText}\n\n`;
  const answer = report.answer
    ? `time to answer: whole processes on one core, median of ${report.answer.runs} runs\n${table(answerRows(report.answer.workloads), ANSWER_HEADERS)}\n\n`
    : '';
  const text = `${perStep}${answer}${footer}${report.numpy?.skipped ? `\n${report.numpy.skipped}` : ''}`;
  console.log(`\n${text}`);
  report.table = text;

  writeFileSync(outFile, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`written: ${outFile}`);
}

main().catch((error) => {
  console.error(error.stack ?? String(error));
  process.exit(1);
});
