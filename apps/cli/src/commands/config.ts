import { CONFIG_TEMPLATE_YAML } from '@eos-sweep/config';

export function configCommand(): number {
  process.stdout.write(CONFIG_TEMPLATE_YAML);
  return 0;
}
