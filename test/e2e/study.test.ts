import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { tempDir } from './cli.js';

const script = fileURLToPath(new URL('../../tools/study/study.mjs', import.meta.url));

describe('npm run study -- --quick', () => {
  it('runs every example, checks its own claims and writes the page', () => {
    const out = tempDir('eos-study-');
    const r = spawnSync(process.execPath, [script, '--quick', '--out', out], { encoding: 'utf8', timeout: 600_000 });
    expect(r.stderr).not.toMatch(/FAIL/);
    expect(r.status, r.stderr).toBe(0);
    const page = readFileSync(join(out, 'STUDY.md'), 'utf8');
    expect(page).not.toMatch(/✗/);
    // one section per example, every claim listed as checked
    for (const example of ['scalar-depth2', 'scalar-depth3', 'scalar-depth4', 'general-depth3', 'whitened-depth2']) {
      expect(page).toContain(`## ${example}`);
      expect(page).toContain(`✓ ${example}: no trajectory converges above 1.01·η_c`);
      expect(existsSync(join(out, 'study', `${example}-basin-measure.png`))).toBe(true);
    }
    expect(existsSync(join(out, 'study', 'map-1.05.png'))).toBe(true);
    // the theorem's other claims and the basins' geometry, per example
    for (const claim of ['zero Hessian eigenvalues', 'largest ‖θ‖ is finite', 'det(I − η∇²L) never within']) {
      expect(page.match(new RegExp(`✓ [a-z0-9-]+: .*${claim.replace(/[()]/g, '\\$&')}`, 'g'))).toHaveLength(8);
    }
    expect(page).toContain('## Geometry of the basin boundaries');
    expect(existsSync(join(out, 'study', 'scalar-depth2-geometry-fits.png'))).toBe(true);
  }, 600_000);
});
