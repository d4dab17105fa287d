export type { LoadDataOptions } from './data.js';
export { DEFAULT_MAX_DATA_BYTES, loadData } from './data.js';
export { DEFAULT_CONFIG_YAML } from './defaults.js';
export { CONFIG_INVALID, ConfigError, isConfigError } from './errors.js';
export { canonicalJson, configHash } from './hash.js';
export { CONFIG_EXTENSIONS, loadConfigFile, resolveConfig } from './load.js';
export type {
  AdaptiveConfig,
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
export { ADAPTIVE_DEFAULTS, configSchema, LIMITS } from './schema.js';
