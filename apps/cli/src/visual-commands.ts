import type { Command } from 'commander';
import { Option } from 'commander';
import { collect } from './load-config.js';

type Dispatch = (load: () => Promise<number>) => Promise<void>;

const setOption = () =>
  new Option('--set <path=value>', 'override a config key, repeatable (e.g. --set sweep.maxSteps=5000)')
    .argParser(collect)
    .default([]);
const jsonOption = () => new Option('--json', 'machine-readable result on stdout (human text goes to stderr)');
const quietOption = () => new Option('--quiet', 'print nothing but errors (and the --json result)');

/** `report`, `trace` and `map`: the commands that draw (see packages/report). */
export function registerVisualCommands(program: Command, dispatch: Dispatch): void {
  program
    .command('report')
    .description('figures (SVG + PNG) and a self-contained report.html for a finished run directory')
    .argument('<run_dir>', 'run directory (with run.json and summary.parquet)')
    .addOption(jsonOption())
    .addOption(quietOption())
    .addHelpText(
      'after',
      '\nWrites into RUN_DIR: basin-measure, outcomes, sharpness, param-norm (.svg and .png each) and report.html,\n' +
        'which opens offline (figures inlined, no scripts, no external URLs).',
    )
    .action((dir: string, flags) =>
      dispatch(async () => (await import('./commands/report.js')).reportCommand(dir, flags)),
    );

  program
    .command('trace')
    .description(
      'per-step history of trajectories (the same initialization k as in `run`) and the edge-of-stability figure',
    )
    .argument('[config]', 'YAML or JSON config (default: the embedded one)')
    .option('--eta <x>', 'step size, repeatable (paired with --trajectory)', collect, [])
    .option('--trajectory <k>', 'initialization index k, repeatable (paired with --eta)', collect, [])
    .option('--pair <eta:k>', 'one (step size, initialization) pair, repeatable, e.g. --pair 0.9:3', collect, [])
    .option('--relative', 'step sizes are in units of η_c')
    .option('--every <m>', 'sharpness and det(I − η∇²L) every M steps (default 1 up to 64 parameters, else 10)')
    .option('--out <dir>', 'output directory (default: runs/<name>/trace-<timestamp>)')
    .addOption(setOption())
    .addOption(jsonOption())
    .addOption(quietOption())
    .addHelpText(
      'after',
      '\nOne --eta with several --trajectory (or the reverse) traces every combination with the single value;\n' +
        'otherwise the lists are paired in order.\n' +
        '\nExamples:\n' +
        '  eos-sweep trace --eta 0.9 --trajectory 0\n' +
        '  eos-sweep trace my.yaml --relative --eta 0.5 --eta 0.9 --eta 1.05 --trajectory 3\n' +
        '  eos-sweep trace --pair 0.9:0 --pair 1.2:0 --every 5 --out traces/x\n' +
        '\nWrites trace.parquet (step, loss, grad_norm, sharpness, eta_sharpness_half, gd_jacobian_det, eta, trajectory),\n' +
        'trace.svg and trace.png.',
    )
    .action((config: string | undefined, flags) =>
      dispatch(async () => (await import('./commands/trace.js')).traceCommand(config, flags)),
    );

  program
    .command('map')
    .description('a picture of the convergence basin: GD from every pixel of a 2-D plane of initializations')
    .argument('[config]', 'YAML or JSON config (default: the embedded one)')
    .option('--eta <x>', 'step size of a plane map')
    .option('--eta-range <a,b>', 'instead: the (η, initialization scale) plane, η from a to b across the columns')
    .option('--relative', 'step sizes are in units of η_c')
    .option('--size <n>', 'pixels per side (default 512)')
    .option('--plane <kind>', 'coords (two parameters) or random (two random orthonormal directions)', 'coords')
    .option('--coords <i,j>', 'the two parameter indices of a coords plane (default 0,1: w₁, w₂)')
    .option('--center <point>', 'centre of the plane: init:K (initialization K, default init:0), zero, or p numbers')
    .option('--range <a,b[,c,d]>', 'x range a..b and y range c..d (default -3,3 for both; scale 0,3 with --eta-range)')
    .option('--direction <point>', 'with --eta-range: direction d of θ₀ = s·d: init:K (default init:0) or p numbers')
    .option('--eta-line <k>', 'with --eta-range: one row of --size step sizes (default 4096) from initialization K')
    .option('--zoom <k>', 'then K more maps, each half as wide around a boundary point, with the dimension of each')
    .option('--workers <n>', 'worker threads (default: all cores)')
    .option('--out <dir>', 'output directory (default: runs/<name>/map-<timestamp>)')
    .addOption(setOption())
    .addOption(jsonOption())
    .option('--no-progress', 'no progress bar or progress lines')
    .addOption(quietOption())
    .addHelpText(
      'after',
      '\nExamples:\n' +
        '  eos-sweep map --eta 0.95                         # w₁, w₂ of the default two-layer scalar network\n' +
        '  eos-sweep map my.yaml --relative --eta 0.9 --plane random --range -2,2\n' +
        '  eos-sweep map --eta-range 0.5,1.5 --range 0,3    # step size × initialization scale\n' +
        '  eos-sweep map --eta 0.95 --zoom 6                # and 6 zooms, each 2× finer, around the boundary\n' +
        '  eos-sweep map --relative --eta-range 0.9,1.1 --eta-line 0 --size 8192   # one initialization along η\n' +
        '\nWrites map.parquet (i, j, x, y, eta, outcome, steps), map.png (one pixel per run, coloured by outcome,\n' +
        'paler = more steps), map.svg and map-figure.png (the map on axes, with a legend), geometry.json (what\n' +
        '`eos-sweep geometry` prints) and geometry-fits.svg/.png; with --zoom, zoom-1/ … zoom-K/ and zoom.json.\n' +
        'On an --eta-line the boundary is every change of outcome along η.',
    )
    .action((config: string | undefined, flags) =>
      dispatch(async () => (await import('./commands/map.js')).mapCommand(config, flags)),
    );
}
