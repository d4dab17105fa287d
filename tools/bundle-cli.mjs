/**
 * Bundles the eos-sweep command into apps/cli/dist/main.js (with its lazily
 * loaded commands as chunks beside it) and the pool's worker into
 * apps/cli/dist/worker.js, from the compiled modules (run after `tsc -b`).
 *
 * Why: Node 20 has no compile cache, and resolving, reading and compiling
 * some 700 small modules (the schema library alone is over 200) cost a run
 * about 0.2 s on the main thread and again in every worker thread, more than
 * a small sweep's arithmetic. One file per thread loads in a fraction of it.
 *
 * Three things do not survive bundling as they are and are handled here:
 * - piscina starts its threads from its own files (found by __dirname): it
 *   stays an import from node_modules, as does @resvg/resvg-js (a native
 *   binding);
 * - a package's VERSION is read from the package.json beside its dist/
 *   folder, which a bundle no longer has: each version.js is replaced by its
 *   value, read here from the right package.json;
 * - the pool finds its worker as ./worker.js beside the module that starts
 *   it: the worker bundle is written there.
 *
 * Usage: node tools/bundle-cli.mjs
 */
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'apps/cli/dist');

/** version.js of a compiled package → the version in that package's package.json. */
const inlineVersions = {
  name: 'inline-versions',
  setup(b) {
    b.onLoad({ filter: /[\\/]dist[\\/]version\.js$/ }, ({ path }) => {
      const pkg = JSON.parse(readFileSync(join(dirname(path), '..', 'package.json'), 'utf8'));
      return { contents: `export const VERSION = ${JSON.stringify(pkg.version)};\n`, loader: 'js' };
    });
  },
};

const common = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external: ['piscina', '@resvg/resvg-js'],
  // CommonJS dependencies call require() for Node's modules; an ES module has none of its own
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module';\nconst require = __createRequire(import.meta.url);",
  },
  plugins: [inlineVersions],
  sourcemap: 'linked',
  logLevel: 'warning',
};

// earlier builds' chunks (their names carry a content hash)
for (const f of readdirSync(out)) if (/^chunk-.*\.js(\.map)?$/.test(f)) rmSync(join(out, f));

await build({
  ...common,
  entryPoints: { main: join(out, 'cli.js') },
  outdir: out,
  splitting: true,
  chunkNames: 'chunk-[hash]',
  banner: { js: `#!/usr/bin/env node\n${common.banner.js}` },
});
await build({ ...common, entryPoints: { worker: join(root, 'packages/engine/dist/worker.js') }, outdir: out });
