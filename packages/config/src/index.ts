export { loadData } from './data.js';
export { DEFAULT_CONFIG_YAML } from './defaults.js';
export { canonicalJson, configHash } from './hash.js';
export { loadConfigFile, resolveConfig } from './load.js';
export type { Config } from './schema.js';
