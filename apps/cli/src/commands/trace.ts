import { resolve } from 'node:path';
import { EngineError, prepareSweep } from '@eos-sweep/engine';
import type { TracePair } from '@eos-sweep/report';
import { defaultEvery, formatNumber, runTrace } from '@eos-sweep/report';
import { loadConfig } from '../load-config.js';
import { Output } from '../output.js';
import { positiveInt, positiveNumber } from '../parse.js';

export interface TraceFlags {
  eta: string[];
  trajectory: string[];
  pair: string[];
  relative?: boolean;
  every?: string;
  out?: string;
  set: string[];
  json?: boolean;
  quiet?: boolean;
}

function timestamp(): string {
  return new Date().toISOString().replace(/[-:]/g, '').replace(/\..*$/, '').replace('T', '-');
}

/** (η, k) pairs from --pair, or from --eta × --trajectory (paired in order, or one value broadcast). */
export function tracePairs(flags: Pick<TraceFlags, 'eta' | 'trajectory' | 'pair'>): TracePair[] {
  const pairs: TracePair[] = flags.pair.map((text) => {
    const [eta, k, extra] = text.split(':');
    if (eta === undefined || k === undefined || extra !== undefined) {
      throw new EngineError('CONFIG_INVALID', `--pair must be ETA:K (e.g. 0.9:3), got "${text}"`);
    }
    return { eta: positiveNumber(eta, '--pair η'), trajectory: positiveInt(k, '--pair k', true) };
  });
  const etas = flags.eta.map((e) => positiveNumber(e, '--eta'));
  const ks = flags.trajectory.map((k) => positiveInt(k, '--trajectory', true));
  if (etas.length > 0 || ks.length > 0) {
    if (etas.length === 0 || ks.length === 0) {
      throw new EngineError('CONFIG_INVALID', 'trace: give --eta and --trajectory together (or --pair ETA:K)');
    }
    const n = Math.max(etas.length, ks.length);
    if (etas.length !== n && etas.length !== 1) {
      throw new EngineError(
        'CONFIG_INVALID',
        `trace: ${etas.length} --eta values cannot pair with ${ks.length} --trajectory values`,
      );
    }
    if (ks.length !== n && ks.length !== 1) {
      throw new EngineError(
        'CONFIG_INVALID',
        `trace: ${etas.length} --eta values cannot pair with ${ks.length} --trajectory values`,
      );
    }
    for (let i = 0; i < n; i++)
      pairs.push({ eta: etas[etas.length === 1 ? 0 : i], trajectory: ks[ks.length === 1 ? 0 : i] });
  }
  if (pairs.length === 0) throw new EngineError('CONFIG_INVALID', 'trace: give --eta X --trajectory K (or --pair X:K)');
  return pairs;
}

export async function traceCommand(configPath: string | undefined, flags: TraceFlags): Promise<number> {
  const out = new Output(flags);
  const { config, baseDir } = await loadConfig(configPath, flags.set);
  let pairs = tracePairs(flags);
  const prepared = await prepareSweep(config, baseDir);
  const etaC = prepared.theory.etaCritical;
  if (flags.relative) {
    if (etaC === null)
      throw new EngineError('CONFIG_INVALID', '--relative needs η_c, which is unknown for this problem');
    pairs = pairs.map((p) => ({ ...p, eta: p.eta * etaC }));
  }
  const every =
    flags.every === undefined ? defaultEvery(prepared.problem.layout.paramCount) : positiveInt(flags.every, '--every');
  const outDir = resolve(flags.out ?? `runs/${config.name}/trace-${timestamp()}`);
  const result = await runTrace(prepared, { pairs, every, outDir });
  const lambdaStar = prepared.theory.lambdaStar;
  for (const s of result.summaries) {
    const ratio = s.eta_ratio === null ? '' : ` (${formatNumber(s.eta_ratio, 4)}·η_c)`;
    const period = s.period === null ? '' : ` (period ${s.period})`;
    const det =
      s.gd_jacobian_det_sign_changes === null
        ? ''
        : `; det(I − η∇²L) changed sign ${s.gd_jacobian_det_sign_changes} time(s)`;
    out.info(
      `η = ${formatNumber(s.eta, 6)}${ratio}, k = ${s.trajectory}: ${s.outcome}${period} after ${s.steps} steps; ` +
        `final loss ${s.loss_final === null ? '–' : s.loss_final.toExponential(3)}, sharpness ${formatNumber(s.sharpness_final, 6)} ` +
        `(2/η = ${formatNumber(s.two_over_eta, 6)}, λ* = ${formatNumber(lambdaStar, 6)})${det}`,
    );
  }
  out.info(`wrote ${result.files.map((f) => f.slice(outDir.length + 1)).join(', ')} in ${outDir}`);
  out.result({
    outDir,
    every,
    theory: { lambda_star: lambdaStar, eta_critical: etaC, loss_min: prepared.theory.lossMin },
    pairs: result.summaries,
    files: result.files,
  });
  return 0;
}
