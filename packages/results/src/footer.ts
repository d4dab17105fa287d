import { SCHEMA_VERSION } from './schema.js';

/** Footer key–value metadata keys every eos-sweep Parquet file carries (docs/reference.md). */
const FOOTER_KEYS = Object.freeze({
  schemaVersion: 'eos_sweep.schema_version',
  version: 'eos_sweep.version',
  config: 'eos_sweep.config',
});

/** The footer key–value metadata of a file written by eos-sweep `version` for the resolved config `configJson`. */
export function footerMetadata(version: string, configJson: string): Record<string, string> {
  return {
    [FOOTER_KEYS.schemaVersion]: String(SCHEMA_VERSION),
    [FOOTER_KEYS.version]: version,
    [FOOTER_KEYS.config]: configJson,
  };
}
