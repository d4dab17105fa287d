import { DEFAULT_CONFIG_YAML } from '@eos-sweep/config';

export function configCommand(): number {
  process.stdout.write(DEFAULT_CONFIG_YAML);
  return 0;
}
