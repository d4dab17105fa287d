/**
 * The embedded default config, as the commented YAML that `eos-sweep config`
 * prints. It is what a newcomer runs: a two-layer scalar network on the one
 * point x = y = 1, where η_c = 2/N = 1 (docs/theory.md), swept from 0.5 to 1.5.
 *
 * It lists every key with its schema default (a test checks that
 * `resolveConfig(parse(DEFAULT_CONFIG_YAML))` equals `resolveConfig(undefined)`
 * and that nothing here relies on a schema default).
 */
export const DEFAULT_CONFIG_YAML = `# eos-sweep config. Every key has a default: delete what you do not change.
# Override any key on the command line: --set sweep.trajectories=200
# Measures, for each step size η on a grid, the fraction of random
# initializations from which gradient descent converges (docs/theory.md).

name: scalar-depth2           # label stored with the results
seed: 42                      # root seed; initialization k depends only on (seed, k)

model:                        # deep linear network P = W_N ⋯ W_1
  depth: 2                    # N ≥ 1 layers
  hidden: 1                   # width of every hidden layer, or a list of N−1 widths: [8, 4]

data:
  kind: point                 # point | inline | random | file
  x: [1]                      # point: one input vector (d_in = its length)
  y: [1]                      # point: one target vector (d_out = its length)
  # inline: X (d_in rows × n columns) and Y (d_out rows × n columns)
  #   kind: inline
  #   X: [[1, 2, 3]]
  #   Y: [[2, 4, 6]]
  # random: Gaussian inputs, targets from a random linear teacher plus noise
  #   kind: random
  #   dIn: 3
  #   dOut: 2
  #   n: 100
  #   whiten: false           # true: rescale X so that X Xᵀ/n = I (needs n ≥ dIn)
  #   noise: 0                # std of the Gaussian noise added to the targets
  #   seed: 0                 # data seed, separate from the root seed
  # file: .csv with a header x1..x<d_in>,y1..y<d_out> (one row per sample),
  #   or .json {"X": [[...]], "Y": [[...]]} laid out as inline;
  #   a relative path is relative to this file's directory
  #   kind: file
  #   path: data.csv

loss:
  normalization: mean         # mean: 1/(2n)·‖PX−Y‖²   sum: ½·‖PX−Y‖²

init:
  kind: gaussian              # gaussian | uniform
  std: 1.0                    # gaussian: std of every entry, or a scale: xavier | he
  # uniform: every entry ~ U[−radius, radius]
  #   kind: uniform
  #   radius: 1.0

sweep:
  # the step-size grid: count points from 'from' to 'to' (spacing linear or log),
  # or an explicit list instead: eta: {values: [0.5, 0.9, 1.1]}
  eta: {from: 0.5, to: 1.5, count: 21, spacing: linear}
  relative: false             # true: the eta grid is in units of η_c = 2/λ*
  trajectories: 1000          # initializations per step size (the same ones for every η)
  maxSteps: 20000             # GD step budget per trajectory; past it: unresolved
  # adaptive: present (even empty, or --adaptive) = spend trajectories where the answer is uncertain,
  # in rounds, instead of sweep.trajectories at every step size; these are its defaults:
  #   halfWidth: 0.01           # each grid step size until its anytime-valid interval is ± this
  #   confidence: 0.95
  #   batch: 256                # trajectories added to a step size per round
  #   maxTrajectories: 100000   # the most one step size gets
  #   thresholdTolerance: 1.0e-3  # bisect the convergence threshold to this × η_c
  #   maxStepSizes: 64          # cap on grid + bisection + refinement step sizes
  #   maxStepsCap: 1000000      # unresolved trajectories at the bracket get budgets up to this

classify:                     # how a trajectory is classified; first rule that fires
  gradTol: 1.0e-10            # converged: ‖∇L‖ ≤ gradTol · max(1, ‖∇L(θ₀)‖) ...
  lossTol: 1.0e-10            # ... global minimizer if L − L* ≤ lossTol · max(1, L*), else saddle
  divergeFactor: 1.0e6        # diverged: loss > divergeFactor · max(L(θ₀), c₀) ...
  paramLimit: 1.0e6           # ... or any |θ| > paramLimit, or a non-finite value
  holdSteps: 10               # the gradient test must hold this many consecutive steps
  periods: [2, 4, 8, 16]      # periodic: ‖θ_{t+k} − θ_t‖ ≤ periodTol · (1 + ‖θ_t‖) for some k here ...
  periodTol: 1.0e-8
  periodHold: 100             # ... held over this many steps, while period 1 fails:
  periodAmplitude: 1.0e-4     # ‖θ_{t+1} − θ_t‖ > periodAmplitude · (1 + ‖θ_t‖), not decaying

record:
  sharpness: true             # λ_max of the Hessian at the start and the end of every trajectory
  weights: false              # store the initial and final parameters (large files)
`;

const RELATIVE_DEFAULT = 'relative: false             # true: the eta grid is in units of η_c = 2/λ*\n';

/**
 * What `eos-sweep config` prints to start a config from: the default config with one change, a grid in
 * units of η_c (`sweep.relative: true`), which stays around the threshold whatever model and data the
 * user sets. It says so at its top, and points to the worked examples.
 */
export const CONFIG_TEMPLATE_YAML = `# A config to start from. It differs from the embedded default (what \`eos-sweep run\`
# runs with no config) in one key: sweep.relative is true, so the step-size grid is in
# units of η_c and stays around the threshold when you change the model or the data.
# (For the default problem η_c = 1, so both sweep the same step sizes.)
# Worked configs (deeper networks, random and whitened data): examples/ in the repository.
# Deeper or wider networks and larger data start sharper: if a run warns that most
# initializations start above 2/η, lower init.std as it suggests.
#
${DEFAULT_CONFIG_YAML.replace(RELATIVE_DEFAULT, 'relative: true              # the eta grid is in units of η_c = 2/λ* (false: absolute η)\n')}`;
