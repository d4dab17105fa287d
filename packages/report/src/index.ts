export type { MapOptions, PointSpec } from './map-output.js';
export { runMap } from './map-output.js';
export { runMapZoom } from './map-zoom.js';
export { REPORT_FILE, writeReport } from './report.js';
export { formatNumber } from './spec-parts.js';
export type { TracePair } from './trace-output.js';
export { defaultEvery, runTrace } from './trace-output.js';
