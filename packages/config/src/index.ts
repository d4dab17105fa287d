export type { LoadDataOptions } from './data.js';
export { DEFAULT_MAX_DATA_BYTES, loadData } from './data.js';
export { CONFIG_TEMPLATE_YAML } from './defaults.js';
export type { ConfigDifference } from './diff.js';
export { configDifferences } from './diff.js';
export { CONFIG_INVALID, ConfigError, isConfigError } from './errors.js';
export { canonicalJson, configHash } from './hash.js';
export { CONFIG_EXTENSIONS, loadConfigFile, resolveConfig, resolveConfigFile } from './load.js';
export type {
  ClassifyConfig,
  Config,
  DataConfig,
  EtaConfig,
  EtaRangeConfig,
  EtaValuesConfig,
  FileDataConfig,
  InitConfig,
  InlineDataConfig,
  LossConfig,
  ModelConfig,
  PointDataConfig,
  RandomDataConfig,
  RecordConfig,
  SweepConfig,
} from './schema.js';
export { configSchema, LIMITS } from './schema.js';
