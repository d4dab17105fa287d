/**
 * The lane kernel's WebAssembly as text: a golden copy for a small shape
 * (lane-kernel.golden.wat, scalar depth 2 on the point x = y = 1 with the
 * default rules), so that any change to the emitted code shows up as a
 * readable diff. After a deliberate change, regenerate it with
 *
 *   npx vitest run packages/core/src/kernels/lane-kernel.test.ts --update
 *
 * and read the diff before committing it.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_CLASSIFY } from '../classify.js';
import { dataStats, pointData } from '../data.js';
import { makeLayout } from '../layout.js';
import { makeProblem } from '../linear-net.js';
import { showingModule, wasmText } from '../testing/wasm-text.js';
import { laneKernelModule } from './lane-kernel.js';

const scalarDepth2 = makeProblem(makeLayout([1, 1, 1]), dataStats(pointData([1], [1])));

describe('the lane kernel as text', () => {
  it('scalar depth 2 matches the golden text', async () => {
    const { bytes } = laneKernelModule(scalarDepth2, DEFAULT_CLASSIFY);
    await expect(await wasmText(bytes)).toMatchFileSnapshot('./lane-kernel.golden.wat');
  });

  it('names its locals after what they hold', async () => {
    const text = await wasmText(laneKernelModule(scalarDepth2, DEFAULT_CLASSIFY).bytes);
    for (const name of [
      '$slot',
      '$maxIter',
      '$taken',
      '$theta0',
      '$grad1',
      '$lossMin',
      '$step1',
      '$backRow16',
      '$loss',
      '$stretching',
      '$unchecked',
      '$clear',
    ]) {
      expect(text).toContain(name);
    }
    expect(text).not.toMatch(/\$l\d+\b/); // no generated local names
  });

  it('a failing check shows the module that failed', async () => {
    const { bytes } = laneKernelModule(scalarDepth2, DEFAULT_CLASSIFY);
    const failing = showingModule(bytes, () => {
      expect(1).toBe(2);
    });
    await expect(failing).rejects.toThrow(/The module that failed:\n\(module[\s\S]*\(func \$run/);
  });
});
