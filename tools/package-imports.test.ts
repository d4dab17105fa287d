/**
 * The tools (bench, study) are plain JavaScript that import the built
 * packages by name, so neither the type-checker nor knip sees them use a
 * package's exports: an export trimmed from an index would only fail when
 * `npm run study` or `npm run bench` runs. This test reads every named
 * import of `@eos-sweep/<package>` in tools/ and checks the package's index
 * still exports it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as config from '@eos-sweep/config';
import * as core from '@eos-sweep/core';
import * as engine from '@eos-sweep/engine';
import * as report from '@eos-sweep/report';
import * as results from '@eos-sweep/results';
import { describe, expect, it } from 'vitest';

const packages: Record<string, Record<string, unknown>> = { config, core, engine, report, results };
const tools = fileURLToPath(new URL('.', import.meta.url));

function scripts(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'results' ? [] : scripts(path);
    return entry.name.endsWith('.mjs') ? [path] : [];
  });
}

describe('the tools import only what the packages export', () => {
  it.each(scripts(tools))('%s', (path) => {
    const text = readFileSync(path, 'utf8');
    const missing: string[] = [];
    for (const m of text.matchAll(/import\s*\{([^}]*)\}\s*from\s*'@eos-sweep\/(\w+)'/g)) {
      const names = m[1]
        .split(',')
        .map((n) => n.trim().split(/\s+as\s+/)[0])
        .filter((n) => n !== '' && !n.startsWith('type '));
      for (const name of names) if (!(name in (packages[m[2]] ?? {}))) missing.push(`@eos-sweep/${m[2]}: ${name}`);
    }
    expect(missing).toEqual([]);
  });
});
