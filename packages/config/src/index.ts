export { loadData } from './data.js';
export { CONFIG_TEMPLATE_YAML } from './defaults.js';
export { configDifferences } from './diff.js';
export { canonicalJson, configHash } from './hash.js';
export { resolveConfig, resolveConfigFile } from './load.js';
export type { AdaptiveConfig, Config } from './schema.js';
export { ADAPTIVE_DEFAULTS, configSchema } from './schema.js';
