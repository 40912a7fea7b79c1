// The metrics layer's public surface: declared measures/dimensions, the compiler, the runner and the facts table.
export * from './catalog.ts';
export { compileQuery, compileWhere, validateSpec, validateFilters, querySpecSchema, filterSchema } from './compile.ts';
export type { QuerySpec, ValidQuerySpec, Filters, Compiled } from './compile.ts';
export { runMetrics, cachedQuery, metricsToArrow, rowsToArrow, ARROW_CONTENT_TYPE } from './query.ts';
export { refreshRollups, ensureFacts, invalidateFacts, dataVersion, BLANK } from './facts.ts';
export { figures, periodFigures, periodSet, monthStartDay, unitRank, FIGURE_MEASURES, MONTH_START_DAY_KEY } from './figures.ts';
