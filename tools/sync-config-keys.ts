/**
 * `npm run docs:config-keys`: regenerates the config key table of
 * docs/reference.md from the schema, keeping the meaning written for each key,
 * and lists the keys whose meaning is still empty.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { syncKeyTable } from '../packages/config/src/key-table.js';

const path = new URL('../docs/reference.md', import.meta.url);
const { text, undescribed } = syncKeyTable(readFileSync(path, 'utf8'));
writeFileSync(path, text);
if (undescribed.length > 0) {
  console.log(`docs/reference.md: write the meaning of ${undescribed.join(', ')}`);
  process.exitCode = 1;
}
