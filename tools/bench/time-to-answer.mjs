/**
 * The time-to-answer section of `npm run bench`: how long the whole sweep
 * of a realistic workload takes, `eos-sweep run --workers 1` (default
 * recording: sharpness on) against the NumPy peer numpy_sweep.py (every
 * (η, initialization) row in one batch, GD in 32-step chunks, finished rows
 * dropped after each chunk). The peer runs with two rule sets:
 * - "chunk-end", the target: the rules on each chunk's last state only (its
 *   decisions fall on multiples of 32 steps);
 * - "every-step": the rules on every step of the chunk, vectorised over it,
 *   so that its decisions and step counts follow eos-sweep's step for step.
 * Every process is whole, timed from spawn to exit, and pinned to one CPU
 * with taskset when there is one (the pool's worker thread and the main
 * thread then share that core, as the peer's one thread has it alone). The
 * ratio is NumPy's time over eos-sweep's (above 1: eos-sweep answers sooner).
 * The outcome counts are compared step size by step size and outcome by
 * outcome with a two-proportion z statistic (the peer draws its own
 * initializations, from the same distribution; at one step size the
 * initializations are independent, across step sizes they are shared, so
 * the totals are not compared): with up to 21 × 5 comparisons, the largest
 * |z| stays below 3.5 about 95% of the time when both estimate the same
 * fractions.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const relative11 = { from: 0.5, to: 1.5, count: 11, spacing: 'linear' };
const relative21 = { from: 0.5, to: 1.5, count: 21, spacing: 'linear' };

/** The workloads: eos-sweep configs (everything not given is the embedded default). */
export const ANSWER_WORKLOADS = {
  S1: { label: 'the embedded default: scalar depth 2, 21 η × 1000, 20 000 steps', config: {} },
  S2: {
    label: '2→3→2, whitened inline data, sum loss, std 0.5; 21 relative η × 1000',
    config: {
      model: { depth: 2, hidden: 3 },
      data: {
        kind: 'inline',
        X: [
          [0.5, 0.5, 0.5, 0.5],
          [0.5, -0.5, 0.5, -0.5],
        ],
        Y: [
          [1, 2, 0.5, -1],
          [0.3, -0.7, 1.2, 0.4],
        ],
      },
      loss: { normalization: 'sum' },
      init: { kind: 'gaussian', std: 0.5 },
      sweep: { eta: relative21, relative: true, trajectories: 1000 },
    },
  },
  S3: {
    label: '4→4→4→4, random data n = 16, std 0.5; 11 relative η × 1000',
    config: {
      model: { depth: 3, hidden: 4 },
      data: { kind: 'random', dIn: 4, dOut: 4, n: 16, whiten: false, noise: 0.1, seed: 1 },
      init: { kind: 'gaussian', std: 0.5 },
      sweep: { eta: relative11, relative: true, trajectories: 1000 },
    },
  },
  S4: {
    label: '16→16→16→16→8, random data n = 64, xavier; 11 relative η × 200, 5000 steps',
    config: {
      model: { depth: 4, hidden: 16 },
      data: { kind: 'random', dIn: 16, dOut: 8, n: 64, whiten: false, noise: 0.1, seed: 1 },
      init: { kind: 'gaussian', std: 'xavier' },
      sweep: { eta: relative11, relative: true, trajectories: 200, maxSteps: 5000 },
    },
  },
  W32: {
    label: '16→32→32→32 (2560 parameters), random data n = 64, xavier; 11 relative η × 20, 5000 steps',
    config: {
      model: { depth: 3, hidden: 32 },
      data: { kind: 'random', dIn: 16, dOut: 32, n: 64, whiten: false, noise: 0.1, seed: 1 },
      init: { kind: 'gaussian', std: 'xavier' },
      sweep: { eta: relative11, relative: true, trajectories: 20, maxSteps: 5000 },
    },
  },
};

const OUTCOMES = ['converged', 'saddle', 'periodic', 'diverged', 'unresolved'];

/** The peer's rule sets (numpy_sweep.py's second argument), the target first. */
const PEER_RULES = ['chunk-end', 'every-step'];

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** The CPU every process of the section is pinned to (the last one this process may use), or null without taskset. */
const ONE_CPU = (() => {
  const probe = spawnSync('taskset', ['-p', String(process.pid)], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) return null;
  const cpus = availableCpus();
  return cpus.length > 0 ? String(cpus[cpus.length - 1]) : null;
})();

/** The CPUs this process may run on (from /proc/self/status), ascending. */
function availableCpus() {
  const line = /Cpus_allowed_list:\s*(\S+)/.exec(readFileSync('/proc/self/status', 'utf8'));
  if (!line) return [];
  return line[1].split(',').flatMap((range) => {
    const [a, b = a] = range.split('-').map(Number);
    return Array.from({ length: b - a + 1 }, (_, i) => a + i);
  });
}

/**
 * Wall seconds of one process, its CPU seconds (user + system, all threads; NaN without
 * /usr/bin/time): less sensitive than wall time to other load on a shared machine), and its stdout.
 */
function timed(cmd, args) {
  const haveTime = existsSync('/usr/bin/time');
  const pinned = ONE_CPU ? ['taskset', '-c', ONE_CPU, cmd, ...args] : [cmd, ...args];
  const argv = haveTime ? ['/usr/bin/time', '-f', 'BENCH_CPU=%U+%S', ...pinned] : pinned;
  const t0 = performance.now();
  const child = spawnSync(argv[0], argv.slice(1), { encoding: 'utf8', maxBuffer: 64 << 20 });
  const seconds = (performance.now() - t0) / 1000;
  if (child.error || child.status !== 0) {
    throw new Error(`${cmd} ${args.join(' ')} failed: ${child.error ?? child.stderr.slice(-2000)}`);
  }
  const cpu = /BENCH_CPU=([\d.]+)\+([\d.]+)/.exec(child.stderr);
  return { seconds, cpuSeconds: cpu ? Number(cpu[1]) + Number(cpu[2]) : Number.NaN, stdout: child.stdout };
}

/** The runs of one command: wall and CPU seconds, and the JSON it printed last. */
function timings() {
  return { seconds: [], cpu: [], out: null };
}

function record(into, run) {
  into.seconds.push(run.seconds);
  into.cpu.push(run.cpuSeconds);
  into.out = JSON.parse(run.stdout);
}

/** The largest |z| over the step sizes and outcomes of the two per-η count tables. */
function perEtaZ(a, b) {
  return Math.max(...a.map((row, e) => countsZ(row, b[e])));
}

/** The largest |z| over the outcomes: two-proportion z statistics of two count tables. */
function countsZ(a, b) {
  let worst = 0;
  for (const outcome of OUTCOMES) {
    const p1 = a[outcome] / a.trajectories;
    const p2 = b[outcome] / b.trajectories;
    const pooled = (a[outcome] + b[outcome]) / (a.trajectories + b.trajectories);
    const se = Math.sqrt(pooled * (1 - pooled) * (1 / a.trajectories + 1 / b.trajectories));
    if (se > 0) worst = Math.max(worst, Math.abs(p1 - p2) / se);
  }
  return worst;
}

/**
 * Runs the section: for each workload, `runs` eos-sweep processes and `runs`
 * NumPy processes, alternating. `modules` holds the built config and engine
 * packages; `cli` the built CLI.
 */
export async function timeToAnswer({ names, runs, scratch, cli, baselineCli = null, modules, log }) {
  const python = spawnSync('python3', ['-c', 'import numpy'], { encoding: 'utf8' });
  const haveNumpy = !python.error && python.status === 0;
  if (!haveNumpy) log('bench: python3 with NumPy not found; the time-to-answer section runs eos-sweep only');
  const results = {};
  for (const name of names) {
    const w = ANSWER_WORKLOADS[name];
    const raw = { name: `answer-${name}`, ...w.config };
    const configFile = join(scratch, `answer-${name}.json`);
    writeFileSync(configFile, JSON.stringify(raw, null, 2));
    const config = modules.config.resolveConfig(raw);
    const prepared = await modules.engine.prepareSweep(config, scratch);
    const { stats, layout } = prepared.problem;
    const specFile = join(scratch, `answer-${name}-numpy.json`);
    writeFileSync(
      specFile,
      JSON.stringify({
        dims: layout.dims,
        sigma: Array.from(stats.sigma),
        cross: Array.from(stats.cross),
        c0: stats.c0,
        lossMin: prepared.theory.lossMin,
        etas: prepared.setup.etas,
        trajectories: config.sweep.trajectories,
        maxSteps: config.sweep.maxSteps,
        init: config.init,
        classify: prepared.setup.trajectory.classify,
        seed: config.seed,
      }),
    );
    const eos = timings();
    const before = baselineCli ? timings() : null;
    const peers = Object.fromEntries(PEER_RULES.map((rules) => [rules, timings()]));
    for (let r = 0; r < runs; r++) {
      /** One whole `run` of a built command on this workload, its run directory removed afterwards. */
      const sweep = (label, command, into) => {
        log(`bench: ${name} ${label} run --workers 1 (${r + 1}/${runs})`);
        const out = join(scratch, `answer-${name}-${r}`);
        const args = [command, 'run', configFile, '--out', out, '--workers', '1', '--no-report', '--quiet', '--json'];
        record(into, timed(process.execPath, args));
        rmSync(out, { recursive: true, force: true });
      };
      sweep('eos-sweep', cli, eos);
      if (before) sweep('baseline eos-sweep', baselineCli, before);
      if (!haveNumpy) continue;
      for (const rules of PEER_RULES) {
        log(`bench: ${name} NumPy peer, rules ${rules} (${r + 1}/${runs})`);
        record(peers[rules], timed('python3', [join(import.meta.dirname, 'numpy_sweep.py'), specFile, rules]));
      }
    }
    const eosSeconds = median(eos.seconds);
    const eosCpuSeconds = median(eos.cpu);
    results[name] = {
      label: w.label,
      dims: layout.dims,
      paramCount: layout.paramCount,
      rows: config.sweep.trajectories * prepared.setup.etas.length,
      pinnedCpu: ONE_CPU,
      eosSeconds,
      eosRuns: eos.seconds,
      eosCpuSeconds,
      eosCounts: eos.out.counts,
      baseline: before
        ? {
            seconds: median(before.seconds),
            runs: before.seconds,
            cpuSeconds: median(before.cpu),
            counts: before.out.counts,
            speedup: median(before.seconds) / eosSeconds,
          }
        : null,
      peers: haveNumpy
        ? Object.fromEntries(
            PEER_RULES.map((rules) => {
              const { seconds, cpu, out } = peers[rules];
              return [
                rules,
                {
                  seconds: median(seconds),
                  runs: seconds,
                  cpuSeconds: median(cpu),
                  insideSeconds: out.seconds,
                  counts: out.counts,
                  steps: out.steps,
                  ratio: median(seconds) / eosSeconds,
                  cpuRatio: median(cpu) / eosCpuSeconds,
                  countsMaxZ: perEtaZ(eos.out.summary, out.perEta),
                },
              ];
            }),
          )
        : null,
    };
  }
  return results;
}

/** The section's text table. */
export function answerRows(results) {
  const s = (x) => (Number.isFinite(x) ? `${x.toFixed(2)} s` : '–');
  const times = (x) => (Number.isFinite(x) ? `${x.toFixed(2)}×` : '–');
  const z = (x) => (Number.isFinite(x) ? x.toFixed(1) : '–');
  return Object.entries(results).map(([name, e]) => {
    const end = e.peers?.['chunk-end'];
    const every = e.peers?.['every-step'];
    return [
      `${name} ${e.dims.join('→')}`,
      String(e.paramCount),
      String(e.rows),
      s(e.baseline?.seconds),
      times(e.baseline?.speedup),
      s(e.eosSeconds),
      s(end?.seconds),
      times(end?.ratio),
      z(end?.countsMaxZ),
      s(every?.seconds),
      times(every?.ratio),
      z(every?.countsMaxZ),
    ];
  });
}

export const ANSWER_HEADERS = [
  'workload',
  'params',
  'rows',
  'baseline w1',
  'speed-up',
  'eos-sweep w1',
  'NumPy chunk-end',
  'ratio',
  'max|z|',
  'NumPy every-step',
  'ratio',
  'max|z|',
];
