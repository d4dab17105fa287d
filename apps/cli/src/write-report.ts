import { join } from 'node:path';
import type { Output } from './output.js';

/** The figures and report.html of a finished run (loaded lazily: the plotting libraries are large). */
export async function writeRunReport(outDir: string, out: Output): Promise<void> {
  const { REPORT_FILE, writeReport } = await import('@eos-sweep/report');
  await writeReport(outDir);
  out.info(`report: ${join(outDir, REPORT_FILE)}`);
}
