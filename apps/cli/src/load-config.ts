import { dirname, resolve } from 'node:path';
import type { Config } from '@eos-sweep/config';
import { resolveConfig, resolveConfigFile } from '@eos-sweep/config';

/** The resolved config from an optional file plus `--set` overrides; relative data paths resolve against the file. */
export async function loadConfig(
  path: string | undefined,
  sets: readonly string[],
): Promise<{ config: Config; baseDir: string }> {
  const config = path === undefined ? resolveConfig(undefined, sets) : await resolveConfigFile(path, sets);
  return { config, baseDir: path === undefined ? process.cwd() : dirname(resolve(path)) };
}

/** Commander collector for repeatable `--set path=value`. */
export function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}
