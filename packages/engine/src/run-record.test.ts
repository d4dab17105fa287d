import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { configHash, resolveConfig } from '@eos-sweep/config';
import { afterAll, describe, expect, it } from 'vitest';
import type { RunRecord } from './run.js';
import { RUN_FILE } from './run-dir.js';
import { checkResumable, RUN_FORMAT, readRunRecord } from './run-record.js';
import { NO_SHARD } from './shard.js';

const root = mkdtempSync(join(tmpdir(), 'eos-run-record-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const config = resolveConfig({ seed: 7, sweep: { trajectories: 300 } });

function record(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    version: '0.1.0',
    schemaVersion: RUN_FORMAT,
    status: 'interrupted',
    configHash: configHash(config),
    config,
    configDir: '/data',
    argv: ['run'],
    node: 'v20.0.0',
    host: 'node-1',
    cores: 2,
    workers: 2,
    startedAt: '2026-01-01T00:00:00.000Z',
    endedAt: null,
    plan: { etaCount: 21, trajectories: 300, taskSize: 256, tasks: 42, etas: [0.5, 1] },
    shard: NO_SHARD,
    theory: { lambdaStar: 2, etaCritical: 1, lossMin: 0, method: 'closed-form-scalar', rank: 1 },
    counts: null,
    threshold: null,
    failedTasks: [],
    performance: null,
    resumes: 0,
    ...over,
  };
}

function dirWith(text: string): string {
  const dir = mkdtempSync(join(root, 'r-'));
  writeFileSync(join(dir, RUN_FILE), text);
  return dir;
}

async function refusal(dir: string): Promise<{ code?: string; message: string }> {
  return readRunRecord(dir).then(
    () => {
      throw new Error('expected a refusal');
    },
    (error: { code?: string; message: string }) => error,
  );
}

describe('readRunRecord', () => {
  it('reads a valid record, keeping fields it does not know (other versions add some)', async () => {
    const dir = dirWith(JSON.stringify(record({ mergedFrom: ['a', 'b'] })));
    const read = (await readRunRecord(dir)) as RunRecord & { mergedFrom?: string[] };
    expect(read.config).toEqual(config);
    expect(read.configDir).toBe('/data');
    expect(read.mergedFrom).toEqual(['a', 'b']);
  });

  it('gives null when there is no run.json', async () => {
    expect(await readRunRecord(mkdtempSync(join(root, 'empty-')))).toBeNull();
  });

  it('still reads format 1 (no configDir) for reports and status', async () => {
    const old = record({ schemaVersion: 1 });
    delete old.configDir;
    expect((await readRunRecord(dirWith(JSON.stringify(old))))?.schemaVersion).toBe(1);
  });

  it('refuses what is not a run record of a readable format, in one line naming the file and the fault', async () => {
    const cases: [string, RegExp][] = [
      ['{"status": ', /is not valid JSON/],
      ['[1, 2]', /has no format version \(schemaVersion\): it is not a run record/],
      [
        JSON.stringify(record({ schemaVersion: RUN_FORMAT + 1, version: '9.0.0' })),
        /is in run directory format 3 \(eos-sweep 9\.0\.0\); this eos-sweep \(.*\) reads formats 1–2/,
      ],
      [JSON.stringify(record({ status: 'paused' })), /is not a valid run record: status: /],
      [JSON.stringify(record({ plan: { etaCount: 21 } })), /is not a valid run record: plan\.trajectories: /],
      [
        JSON.stringify(record({ config: { ...config, sweep: { ...config.sweep, trajectories: -1 } } })),
        /config\.sweep\.trajectories/,
      ],
    ];
    for (const [text, rule] of cases) {
      const dir = dirWith(text);
      const error = await refusal(dir);
      expect(error.code).toBe('RUN_DIR');
      expect(error.message).toMatch(rule);
      expect(error.message).toContain(join(dir, RUN_FILE));
      expect(error.message).not.toMatch(/\n/);
      expect(readFileSync(join(dir, RUN_FILE), 'utf8')).toBe(text);
    }
  });
});

describe('checkResumable', () => {
  const recorded = record() as unknown as RunRecord;

  it('accepts the recorded config and shard', () => {
    expect(() => checkResumable(recorded, '/runs/x', config, configHash(config), NO_SHARD)).not.toThrow();
  });

  it('names each key that differs with both values, in one line', () => {
    const given = resolveConfig({ seed: 8, sweep: { trajectories: 100 } });
    expect(() => checkResumable(recorded, '/runs/x', given, configHash(given), NO_SHARD)).toThrow(
      '--resume: the config differs from the one /runs/x was started with (recorded → given): seed 7 → 8, ' +
        'sweep.trajectories 300 → 100; to continue the recorded config, give no config and no --set',
    );
  });

  it('refuses another run directory format and another shard', () => {
    const old = { ...recorded, schemaVersion: RUN_FORMAT - 1 };
    expect(() => checkResumable(old, '/runs/x', config, configHash(config), NO_SHARD)).toThrow(
      /^cannot resume \/runs\/x: it was written by eos-sweep 0\.1\.0 in run directory format 1, .* resumes format 2 only/,
    );
    expect(() =>
      checkResumable(recorded, '/runs/x', config, configHash(config), { index: 1, count: 2, source: 'flag' }),
    ).toThrow('--resume: /runs/x holds shard 0/1, not 1/2');
  });
});
