import { prepareSweep } from '@eos-sweep/engine';
import { loadConfig } from '../load-config.js';
import { Output } from '../output.js';

export async function theoryCommand(
  configPath: string | undefined,
  flags: { set: string[]; json?: boolean; quiet?: boolean },
): Promise<number> {
  const out = new Output(flags);
  const { config, baseDir } = await loadConfig(configPath, flags.set);
  const { theory, problem } = await prepareSweep(config, baseDir);
  out.info(
    `network: ${problem.layout.dims.join(' → ')} (depth ${problem.layout.depth}, ${problem.layout.paramCount} parameters)`,
  );
  out.info(`λ*  = ${theory.lambdaStar ?? 'none'}   (flattest global minimizer's sharpness)`);
  out.info(`η_c = ${theory.etaCritical ?? 'none'}   (= 2/λ*: above it no global minimizer is linearly stable)`);
  out.info(`L*  = ${theory.lossMin}   (minimum loss; rank ${theory.rank})`);
  out.info(`method: ${theory.method} — ${theory.detail}`);
  if (theory.balancedSharpness !== null && theory.method === 'numerical') {
    out.info(`balanced minimizer's sharpness: ${theory.balancedSharpness}`);
  }
  if (theory.lowerBound !== null) out.info(`lower bound λ_min(Σ)·N·σ₁(T)^(2(N−1)/N) = ${theory.lowerBound}`);
  out.result({
    lambda_star: theory.lambdaStar,
    eta_critical: theory.etaCritical,
    loss_min: theory.lossMin,
    method: theory.method,
    rank: theory.rank,
    balanced_sharpness: theory.balancedSharpness,
    lower_bound: theory.lowerBound,
    detail: theory.detail,
  });
  return 0;
}
