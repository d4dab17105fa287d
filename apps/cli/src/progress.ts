/**
 * Progress of a long run: a bar with rate and ETA on a TTY, a plain line
 * every `interval` seconds otherwise (Slurm and Kubernetes logs), nothing
 * with --quiet or --no-progress.
 */

import type { Progress } from '@eos-sweep/engine';
import cliProgress from 'cli-progress';

export interface ProgressView {
  start(total: number, done: number): void;
  update(p: Progress): void;
  stop(): void;
}

function fmtRate(x: number): string {
  if (!Number.isFinite(x)) return '–';
  if (x >= 1e6) return `${(x / 1e6).toFixed(2)}M`;
  if (x >= 1e3) return `${(x / 1e3).toFixed(1)}k`;
  return x.toFixed(0);
}

function fmtDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '–';
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return h > 0 ? `${h}h${String(m).padStart(2, '0')}m` : `${m}m${String(s % 60).padStart(2, '0')}s`;
}

export function createProgress(enabled: boolean, intervalSeconds = 10): ProgressView {
  if (!enabled) return { start() {}, update() {}, stop() {} };
  let startDone = 0;
  if (process.stderr.isTTY) {
    const bar = new cliProgress.SingleBar(
      {
        format:
          ' {bar} {percentage}% | {value}/{total} trajectories | {trajRate}/s | {stepRate} steps/s | ETA {etaText}',
        hideCursor: true,
        stream: process.stderr,
      },
      cliProgress.Presets.shades_classic,
    );
    return {
      start(total, done) {
        startDone = done;
        bar.start(total, done, { trajRate: '–', stepRate: '–', etaText: '–' });
      },
      update(p) {
        const t = Math.max(p.elapsedSeconds, 1e-3);
        const rate = (p.trajectoriesDone - startDone) / t;
        bar.update(p.trajectoriesDone, {
          trajRate: fmtRate(rate),
          stepRate: fmtRate(p.steps / t),
          etaText: fmtDuration((p.trajectoriesTotal - p.trajectoriesDone) / rate),
        });
      },
      stop() {
        bar.stop();
      },
    };
  }
  let last = 0;
  let latest: Progress | null = null;
  const line = (p: Progress) => {
    const t = Math.max(p.elapsedSeconds, 1e-3);
    const rate = (p.trajectoriesDone - startDone) / t;
    const pct = ((100 * p.trajectoriesDone) / Math.max(1, p.trajectoriesTotal)).toFixed(1);
    process.stderr.write(
      `progress ${p.trajectoriesDone}/${p.trajectoriesTotal} trajectories (${pct}%), ${fmtRate(rate)} traj/s, ` +
        `${fmtRate(p.steps / t)} steps/s, elapsed ${fmtDuration(p.elapsedSeconds)}, ETA ${fmtDuration((p.trajectoriesTotal - p.trajectoriesDone) / rate)}\n`,
    );
  };
  return {
    start(total, done) {
      startDone = done;
      process.stderr.write(
        `progress 0/${total} trajectories to run (${done} already done)\n`.replace('0/', `${done}/`),
      );
    },
    update(p) {
      latest = p;
      if (p.elapsedSeconds - last >= intervalSeconds) {
        last = p.elapsedSeconds;
        line(p);
      }
    },
    stop() {
      if (latest && latest.elapsedSeconds !== last) line(latest);
      last = latest?.elapsedSeconds ?? last;
    },
  };
}
