import { resolve } from 'node:path';
import type { Config } from '@eos-sweep/config';
import { resolveConfig } from '@eos-sweep/config';
import type { Shard } from '@eos-sweep/engine';
import {
  defaultWorkers,
  nothingConvergedWarning,
  parseShard,
  readRunRecord,
  runSweep,
  shardFromEnv,
} from '@eos-sweep/engine';
import { loadConfig } from '../load-config.js';
import { Output } from '../output.js';
import { positiveInt } from '../parse.js';
import { createProgress } from '../progress.js';
import { bracketLine, summaryTable, thresholdLine } from '../table.js';
import { writeRunReport } from '../write-report.js';

export interface RunFlags {
  out?: string;
  workers?: string;
  shard?: string;
  shardCount?: string;
  resume?: boolean;
  set: string[];
  json?: boolean;
  progress: boolean;
  quiet?: boolean;
  retries?: string;
  taskSize?: string;
  force?: boolean;
  adaptive?: boolean;
  planRound?: boolean;
  round?: string;
  report: boolean;
}

function timestamp(): string {
  return new Date().toISOString().replace(/[-:]/g, '').replace(/\..*$/, '').replace('T', '-');
}

function chooseShard(flags: RunFlags): Shard {
  if (flags.shard !== undefined) return parseShard(flags.shard);
  const completions = flags.shardCount === undefined ? undefined : positiveInt(flags.shardCount, '--shard-count');
  return shardFromEnv(process.env, completions);
}

/**
 * The config to run: `--resume --out DIR` with no config and no --set continues the one DIR recorded (and its
 * shard, unless one is given), so a resume needs none of the original flags.
 */
async function chooseConfig(
  configPath: string | undefined,
  flags: RunFlags,
): Promise<{ config: Config; baseDir: string; shard: Shard }> {
  const shard = chooseShard(flags);
  if (flags.resume && flags.out !== undefined && configPath === undefined && flags.set.length === 0) {
    const recorded = await readRunRecord(resolve(flags.out));
    if (recorded) {
      return {
        config: recorded.config,
        baseDir: recorded.configDir ?? process.cwd(),
        shard: shard.count === 1 && flags.shard === undefined ? recorded.shard : shard,
      };
    }
  }
  return { ...(await loadConfig(configPath, flags.set)), shard };
}

export async function runCommand(configPath: string | undefined, flags: RunFlags): Promise<number> {
  const out = new Output(flags);
  const chosen = await chooseConfig(configPath, flags);
  const { baseDir, shard } = chosen;
  // --adaptive: the block with its defaults, validated with the rest (its rules compare it with sweep.*)
  const config =
    flags.adaptive && !chosen.config.sweep.adaptive
      ? resolveConfig({ ...chosen.config, sweep: { ...chosen.config.sweep, adaptive: {} } })
      : chosen.config;
  const workers = flags.workers === undefined ? defaultWorkers() : positiveInt(flags.workers, '--workers');
  const outDir = resolve(flags.out ?? `runs/${config.name}/${timestamp()}`);
  const controller = new AbortController();
  let interrupts = 0;
  const onSignal = () => {
    interrupts++;
    if (interrupts > 1) process.exit(130);
    out.note('\ninterrupt: stopping after saving finished tasks (again to quit at once)…');
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const progress = createProgress(flags.progress && !flags.quiet);
  try {
    const result = await runSweep({
      config,
      baseDir,
      outDir,
      workers,
      shard,
      resume: flags.resume ?? false,
      retries: flags.retries === undefined ? undefined : positiveInt(flags.retries, '--retries', true),
      taskSize: flags.taskSize === undefined ? undefined : positiveInt(flags.taskSize, '--task-size'),
      signal: controller.signal,
      force: flags.force ?? false,
      planRound: flags.planRound ?? false,
      adaptiveRound: flags.round === undefined ? undefined : positiveInt(flags.round, '--round', true),
      onEstimate: (e) => {
        // only worth a line when the worst case is long: ~1e10 steps is hours on one core
        if (e.worstCaseSteps >= 1e10) {
          out.note(
            `note: up to ${e.worstCaseSteps.toExponential(2)} GD steps (${e.flopsPerStep} flops each) if every trajectory ` +
              'runs to sweep.maxSteps; most stop far earlier',
          );
        }
      },
      onWarning: (message) => out.note(message),
      onStart: ({ trajectories, done }) => progress.start(trajectories, done),
      onProgress: (p) => progress.update(p),
    });
    progress.stop();
    const { record, summary } = result;
    const { theory } = record;
    out.info(`run directory: ${outDir}`);
    out.info(
      `theory: λ* = ${theory.lambdaStar ?? '–'}, η_c = ${theory.etaCritical ?? '–'}, L* = ${theory.lossMin} (${theory.method})`,
    );
    if (result.nextRound) {
      const { round, tasks } = result.nextRound;
      out.info(
        `round ${round} planned (${tasks} tasks): run it as shards with --round ${round} --shard I/N, then --plan-round again`,
      );
      out.result({ outDir, status: record.status, nextRound: round, tasks });
      return 0;
    }
    if (flags.round !== undefined) {
      out.info(`round ${flags.round}, shard ${shard.index}/${shard.count}: done`);
      out.result({ outDir, round: Number(flags.round), shard: `${shard.index}/${shard.count}` });
      return 0;
    }
    if (result.alreadyComplete) {
      out.info(`this run was already complete (ended ${record.endedAt}); nothing ran`);
    } else if (summary) {
      const adaptive = record.adaptive;
      out.info(
        summaryTable(
          summary,
          adaptive?.stepSizes.map((s) => s.maxSteps),
        ),
      );
      if (adaptive?.threshold) out.info(bracketLine(adaptive.threshold, theory.etaCritical));
      else if (record.threshold) out.info(thresholdLine(record.threshold, theory.etaCritical));
      const warning = nothingConvergedWarning(
        record.counts,
        record.plan.etas,
        theory.etaCritical,
        config.sweep.maxSteps,
      );
      if (warning) out.note(warning);
      if (flags.report) await writeRunReport(outDir, out);
    } else {
      out.info(
        `shard ${record.shard.index}/${record.shard.count} complete; combine shards with: eos-sweep merge DIR... --out DIR`,
      );
    }
    const perf = record.performance;
    if (!result.alreadyComplete && perf && perf.seconds > 0) {
      out.info(
        `${perf.trajectories} trajectories, ${perf.steps} GD steps in ${perf.seconds.toFixed(2)} s ` +
          `(${(perf.trajectories / perf.seconds).toFixed(0)} trajectories/s, ${(perf.steps / perf.seconds).toExponential(3)} steps/s, ${workers} workers)`,
      );
    }
    out.result({
      outDir,
      status: record.status,
      alreadyComplete: result.alreadyComplete,
      theory: {
        lambda_star: theory.lambdaStar,
        eta_critical: theory.etaCritical,
        loss_min: theory.lossMin,
        method: theory.method,
      },
      threshold: record.threshold,
      adaptive: record.adaptive,
      counts: record.counts,
      performance: record.performance,
      summary,
    });
    return 0;
  } finally {
    progress.stop();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
