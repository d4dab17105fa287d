export type { RenderedFigure, ReportPage } from './html.js';
export { escapeHtml, reportHtml, thresholdText } from './html.js';
export type { BasinMap, MapKind, MapRequest, MapRunOptions } from './map.js';
export { computeMap, MAP_TASK_SIZE, mapPlan, outcomeFractions } from './map.js';
export type { MapCurvePoint, MapFigureInput } from './map-figure.js';
export { mapFigure, scalarDepth2Curves } from './map-figure.js';
export { MAX_FADE, mapPng, stepRanges, stepShade } from './map-image.js';
export type { MapOptions, MapResult, PointSpec } from './map-output.js';
export {
  DEFAULT_MAP_SIZE,
  DEFAULT_PLANE_RANGE,
  DEFAULT_SCALE_RANGE,
  MAP_FILE,
  MAP_IMAGE,
  MAP_SUMMARY_KEY,
  mapRequest,
  runMap,
} from './map-output.js';
export type { ZoomLevel } from './map-zoom.js';
export { runMapZoom, ZOOM_FILE } from './map-zoom.js';
export { OKABE_ITO, OUTCOME_COLORS, SERIES_COLORS, seriesColor } from './palette.js';
export type { PlaneGrid } from './plane.js';
export { coordinatePlane, parameterName, pixelCentres, randomDirections, randomPlane, scaleLine } from './plane.js';
export { renderSvg, svgToPng } from './render.js';
export type { ReportResult } from './report.js';
export { isLogGrid, REPORT_FILE, writeFigure, writeReport } from './report.js';
export type { RunData } from './run-data.js';
export { readRun, readSummaryRows } from './run-data.js';
export type { Figure, RunFigureInput } from './run-figures.js';
export {
  basinFigure,
  OUTCOME_ORDER,
  outcomesFigure,
  paramNormFigure,
  runFigures,
  sharpnessFigure,
} from './run-figures.js';
export type { EtaAxis } from './spec-parts.js';
export { etaAxis, formatNumber, logTicks, niceTicks } from './spec-parts.js';
export { scopeSvgIds, svgSize } from './svg.js';
export { FONT_FAMILY, PNG_SCALE, VEGA_CONFIG } from './theme.js';
export type { TraceOptions, TraceSeries } from './trace.js';
export { gdJacobianDet, JACOBIAN_LIMIT, signChanges, TRACE_STEP_LIMIT, traceTrajectory } from './trace.js';
export type { TraceFigureInput } from './trace-figure.js';
export { MAX_POINTS_PER_SERIES, thinIndices, traceFigure, traceLabel } from './trace-figure.js';
export type { TracePair, TraceRequest, TraceResult, TraceSummary } from './trace-output.js';
export {
  defaultEvery,
  runTrace,
  summarize,
  TRACE_COLUMNS,
  TRACE_FILE,
  TRACE_SUMMARY_KEY,
  writeTraceTable,
} from './trace-output.js';
