import { resolve } from 'node:path';
import { REPORT_FILE, writeReport } from '@eos-sweep/report';
import { Output } from '../output.js';

export async function reportCommand(dir: string, flags: { json?: boolean; quiet?: boolean }): Promise<number> {
  const out = new Output(flags);
  const runDir = resolve(dir);
  const { files } = await writeReport(runDir);
  out.info(`report: ${resolve(runDir, REPORT_FILE)}`);
  out.info(`figures: ${files.filter((f) => !f.endsWith('.html')).length} files (SVG and PNG) in ${runDir}`);
  out.result({ report: resolve(runDir, REPORT_FILE), files });
  return 0;
}
