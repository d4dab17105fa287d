import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG_YAML } from './defaults.js';
import { ConfigError } from './errors.js';
import { loadConfigFile, resolveConfig } from './load.js';

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
      expect((error as ConfigError).message).toBe('unknown key "sweep.etta"');
    }
  });
});

function loadConfigFileSync(_path: string): unknown {
  return { sweep: { etta: { from: 1 } } };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
