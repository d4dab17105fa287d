import { readFileSync } from 'node:fs';

/** The CLI's version, from its package.json (one level above src/ and dist/ alike); read without loading the engine. */
export const VERSION: string = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version;
