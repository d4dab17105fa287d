import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG_YAML } from './defaults.js';
import { ConfigError } from './errors.js';
import { loadConfigFile, resolveConfig, resolveConfigFile } from './load.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'eos-config-load-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function write(name: string, text: string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, text);
  return path;
}

async function loadError(path: string): Promise<ConfigError> {
  const error = await loadConfigFile(path).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ConfigError);
  expect((error as Error).message).not.toMatch(/[\r\n]/);
  return error as ConfigError;
}

describe('loadConfigFile', () => {
  it('reads YAML (.yaml and .yml) and JSON', async () => {
    const yaml = await write('a.yaml', 'sweep:\n  trajectories: 10\n');
    const yml = await write('a.yml', 'seed: 7\n');
    const json = await write('a.json', '\uFEFF{"model": {"depth": 3, "hidden": [2, 2]}}');
    expect(await loadConfigFile(yaml)).toEqual({ sweep: { trajectories: 10 } });
    expect(await loadConfigFile(yml)).toEqual({ seed: 7 });
    expect(resolveConfig(await loadConfigFile(json)).model).toEqual({ depth: 3, hidden: [2, 2] });
  });

  it('reads the default config text', async () => {
    const path = await write('default.yaml', DEFAULT_CONFIG_YAML);
    expect(resolveConfig(await loadConfigFile(path))).toEqual(resolveConfig(undefined));
  });

  it('treats an empty YAML file as the default config', async () => {
    const path = await write('empty.yaml', '# nothing here\n');
    expect(resolveConfig(await loadConfigFile(path))).toEqual(resolveConfig(undefined));
  });

  it('names the file and line of a YAML error', async () => {
    const path = await write('bad.yaml', 'seed: 1\nsweep:\n  eta: [0.5,\nname: x\n');
    const error = await loadError(path);
    expect(error.message).toMatch(new RegExp(`^${escapeRegExp(path)}:\\d+:\\d+: invalid YAML: `));
    const line = Number(/:(\d+):\d+: invalid YAML/.exec(error.message)?.[1]);
    expect(line).toBeGreaterThanOrEqual(3);
  });

  it('names a duplicated YAML key', async () => {
    const path = await write('dup.yaml', 'seed: 1\nseed: 2\n');
    expect((await loadError(path)).message).toMatch(new RegExp(`^${escapeRegExp(path)}:2:1: invalid YAML: .*unique`));
  });

  it('names the file and line of a JSON error', async () => {
    const path = await write('bad.json', '{\n  "seed": 1,\n  "name": \n}\n');
    const error = await loadError(path);
    expect(error.message).toMatch(new RegExp(`^${escapeRegExp(path)}:4:1: invalid JSON: `));
  });

  it('names the end of a truncated JSON file', async () => {
    const path = await write('cut.json', '{\n  "seed": 1,\n');
    expect((await loadError(path)).message).toMatch(new RegExp(`^${escapeRegExp(path)}:3:1: invalid JSON: `));
  });

  it('refuses a missing file and an unknown extension', async () => {
    expect((await loadError(join(dir, 'missing.yaml'))).message).toBe(
      `config file not found: ${join(dir, 'missing.yaml')}`,
    );
    const toml = await write('a.toml', 'seed = 1');
    expect((await loadError(toml)).message).toBe(`config file ${toml} must end in .yaml, .yml or .json`);
    expect((await loadError(`${dir}/`)).message).toMatch(/must end in/);
  });

  it('refuses a directory', async () => {
    const { mkdir } = await import('node:fs/promises');
    const sub = join(dir, 'sub.yaml');
    await mkdir(sub);
    expect((await loadError(sub)).message).toBe(`config file ${sub} is a directory`);
  });
});

describe('resolveConfig', () => {
  it('validates a loaded file and reports the key, not the file', async () => {
    const path = await write('typo.yaml', 'sweep:\n  etta: {from: 1}\n');
    expect(() => resolveConfig(loadConfigFileSync(path))).toThrow(ConfigError);
    try {
      resolveConfig(await loadConfigFile(path));
    } catch (error) {
      expect((error as ConfigError).field).toBe('sweep.etta');
      expect((error as ConfigError).message).toBe('unknown key "sweep.etta"; did you mean "sweep.eta"?');
    }
  });
});

describe('resolveConfigFile', () => {
  async function resolveError(path: string, overrides: string[] = []): Promise<ConfigError> {
    const error = await resolveConfigFile(path, overrides).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }

  it('names the line and column of an unknown YAML key and suggests the known one', async () => {
    const path = await write('typo2.yaml', 'name: t\nsweep:\n  relative: true\n  trajectores: 100\n');
    const error = await resolveError(path);
    expect(error.field).toBe('sweep.trajectores');
    expect(error.message).toBe(`${path}:4:3: unknown key "sweep.trajectores"; did you mean "sweep.trajectories"?`);
  });

  it('finds keys in flow mappings, list items and JSON files', async () => {
    const flow = await write('flow.yaml', 'sweep:\n  eta: {from: 0.5, too: 2}\n');
    expect((await resolveError(flow)).message).toBe(
      `${flow}:2:20: unknown key "sweep.eta.too"; did you mean "sweep.eta.to"?`,
    );
    const item = await write('item.yaml', 'model:\n  depth: 3\n  hidden:\n    - 2\n    - -1\n');
    expect((await resolveError(item)).message).toMatch(new RegExp(`^${escapeRegExp(item)}:5:7: model\\.hidden`));
    const json = await write('typo.json', '{\n  "seed": 1,\n  "sweep": {\n    "maxsteps": 10\n  }\n}\n');
    expect((await resolveError(json)).message).toBe(
      `${json}:4:5: unknown key "sweep.maxsteps"; did you mean "sweep.maxSteps"?`,
    );
    const deep = await write('deep.json', '{"model": {"depth": 3, "hidden": [2, 0]}}');
    expect((await resolveError(deep)).message).toMatch(
      new RegExp(`^${escapeRegExp(deep)}:1:38: model\\.hidden\\[1\\]`),
    );
  });

  it('gives no position for a value that an override set', async () => {
    const path = await write('ok.yaml', 'sweep:\n  trajectories: 100\n');
    const error = await resolveError(path, ['sweep.trajectories=-1']);
    expect(error.message).toBe('sweep.trajectories must be a positive integer (got -1)');
    expect(await resolveConfigFile(path)).toEqual(resolveConfig({ sweep: { trajectories: 100 } }));
  });
});

function loadConfigFileSync(_path: string): unknown {
  return { sweep: { etta: { from: 1 } } };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
