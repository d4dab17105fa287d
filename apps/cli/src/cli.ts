/**
 * The eos-sweep command line. Thin by design: it parses, lazily imports the
 * command (so --help stays instant), and maps errors to exit codes.
 */
import { Command, Option } from 'commander';
import { collect } from './load-config.js';
import { VERSION } from './version.js';
import { registerVisualCommands } from './visual-commands.js';

const program = new Command('eos-sweep')
  .description(
    'Measure where gradient descent stops converging: run GD from many random initializations across a grid of ' +
      'step sizes on a deep linear network, classify every trajectory, and estimate the measure of the convergence ' +
      'basin against the threshold η_c = 2/λ*.',
  )
  .version(VERSION)
  // a rejected command line is thrown (and so exits 2, like any bad input); subcommands inherit this
  .exitOverride()
  .showHelpAfterError('(add --help for usage)')
  .configureHelp({ sortSubcommands: false });

const setOption = () =>
  new Option('--set <path=value>', 'override a config key, repeatable (e.g. --set sweep.trajectories=200)')
    .argParser(collect)
    .default([]);
const jsonOption = () => new Option('--json', 'machine-readable result on stdout (human text goes to stderr)');
const quietOption = () => new Option('--quiet', 'print nothing but errors (and the --json result)');

/** Runs a lazily imported command and turns its outcome into the exit code. */
async function dispatch(load: () => Promise<number>): Promise<void> {
  const { ignoreClosedOutput } = await import('@eos-sweep/engine');
  ignoreClosedOutput(process.stdout);
  try {
    process.exitCode = await load();
  } catch (error) {
    const { reportError } = await import('./fail.js');
    process.exitCode = reportError(error);
  }
}

program
  .command('run')
  .description('run a sweep (no CONFIG: the embedded default sweep, a two-layer scalar network, η from 0.5 to 1.5·η_c)')
  .argument('[config]', 'YAML or JSON config (see `eos-sweep config`)')
  .option('--out <dir>', 'run directory (default: runs/<name>/<timestamp>)')
  .option('--workers <n>', 'worker threads (default: all cores)')
  .option('--shard <i/n>', 'run shard i of n (default: from SLURM_ARRAY_TASK_ID/COUNT or JOB_COMPLETION_INDEX)')
  .option('--shard-count <n>', 'shard count for a Kubernetes Indexed Job (with JOB_COMPLETION_INDEX)')
  .option('--resume', 'continue an interrupted run in --out: with no CONFIG and no --set, the config it recorded')
  .option('--retries <n>', 'extra attempts for a task whose worker crashed (default 2)')
  .option(
    '--task-size <n>',
    'trajectories per task (default 256, or for a large grid the power of two giving ~1024 tasks, up to 4096; does not change results)',
  )
  .option('--force', 'run even if the memory estimate says the model will not fit')
  .option(
    '--adaptive',
    'adaptive sweep: add trajectories and step sizes in rounds where the answer is still uncertain (sweep.adaptive, its defaults unless the config sets it)',
  )
  .option(
    '--plan-round',
    'adaptive sweep on a cluster: gather the last round, plan the next for a job array (--round), or finish the run',
  )
  .option('--round <r>', 'adaptive sweep on a cluster: run round r as planned, this process being --shard i/n of it')
  .addOption(setOption())
  .addOption(jsonOption())
  .option('--no-progress', 'no progress bar or progress lines')
  .option('--no-report', 'do not write the figures and report.html at the end')
  .addOption(quietOption())
  .addHelpText(
    'after',
    '\nExamples:\n' +
      '  eos-sweep run                                   # the default sweep, all cores\n' +
      '  eos-sweep run my.yaml --set sweep.trajectories=100000 --workers 16\n' +
      '  eos-sweep run --out runs/x --resume             # finish an interrupted run, as it was started\n' +
      '  eos-sweep run my.yaml --shard 3/8 --out runs/x/shard-3\n' +
      '\nExit codes: 0 done, 2 bad input (nothing run), 3 some work failed (rerun with --resume), 130 interrupted.',
  )
  .action((config: string | undefined, flags) =>
    dispatch(async () => (await import('./commands/run.js')).runCommand(config, flags)),
  );

program
  .command('theory')
  .description('print λ*, η_c = 2/λ* and L* for a config, and how each was obtained')
  .argument('[config]', 'YAML or JSON config (default: the embedded one)')
  .addOption(setOption())
  .addOption(jsonOption())
  .addOption(quietOption())
  .action((config: string | undefined, flags) =>
    dispatch(async () => (await import('./commands/theory.js')).theoryCommand(config, flags)),
  );

program
  .command('aggregate')
  .description('per-step-size summary.parquet from trajectory files or run directories')
  .argument('<input...>', 'trajectories.parquet files or run directories')
  .requiredOption('--out <file>', 'summary.parquet to write')
  .addOption(jsonOption())
  .addOption(quietOption())
  .action((inputs: string[], flags) =>
    dispatch(async () => (await import('./commands/aggregate.js')).aggregateCommand(inputs, flags)),
  );

program
  .command('merge')
  .description('combine the run directories of all shards of a sweep into one run directory')
  .argument('<run_dir...>', 'shard run directories')
  .requiredOption('--out <dir>', 'merged run directory (must be new or empty)')
  .option('--no-report', 'do not write the figures and report.html')
  .addOption(jsonOption())
  .addOption(quietOption())
  .action((dirs: string[], flags) =>
    dispatch(async () => (await import('./commands/merge.js')).mergeCommand(dirs, flags)),
  );

program
  .command('status')
  .description('how many tasks each run or shard directory has done, and which shards are missing')
  .argument('<run_dir...>', 'run or shard directories')
  .addOption(jsonOption())
  .addOption(quietOption())
  .action((dirs: string[], flags) =>
    dispatch(async () => (await import('./commands/status.js')).statusCommand(dirs, flags)),
  );

program
  .command('config')
  .description(
    'print a commented config to start from — the default, its grid in units of η_c: eos-sweep config > my.yaml',
  )
  .action(() => dispatch(async () => (await import('./commands/config.js')).configCommand()));

registerVisualCommands(program, dispatch);

program
  .command('geometry')
  .description("the fractality of a basin map's boundary: box-counting dimension, uncertainty exponent, basin entropy")
  .argument('<map_dir>', 'directory holding map.parquet (columns i, j, outcome; any other columns are ignored)')
  .addOption(jsonOption())
  .addOption(quietOption())
  .addHelpText(
    'after',
    '\nThe boundary is the one between converged pixels and all others; the map size is the largest i and j\n' +
      'plus one. --json prints box_dimension, box_dimension_ci, uncertainty_exponent, uncertainty_exponent_ci,\n' +
      'basin_entropy, boundary_basin_entropy, log2_criterion and the fitted points.',
  )
  .action((dir: string, flags) =>
    dispatch(async () => (await import('./commands/geometry.js')).geometryCommand(dir, flags)),
  );

program.parseAsync().catch(async (error) => {
  const { reportError } = await import('./fail.js');
  process.exitCode = reportError(error);
});
