/**
 * Kinesis Data Analytics' analytic functions and log parsers, as pure TypeScript for the SQL engine
 * (src/analytics/sql/) to call. Each file's opening comment gives its API, what it follows of AWS's
 * SQL Reference and where it differs. Stateful functions (the forest, hotspots, the tumbling item
 * counters) snapshot to plain JSON and restore to continue exactly where they stopped.
 */
export { AnalyticsFunctionError } from "./errors";
export { SeededRandom, type RandomState } from "./rng";
export {
  AnomalyDetector,
  RANDOM_CUT_FOREST_LIMITS,
  type AnomalyDetectorOptions,
  type AnomalyDetectorSnapshot,
  type AnomalyResult,
  type RandomCutForestFunctionName,
} from "./rcf/function";
export { HotspotDetector, HOTSPOTS_LIMITS, type Hotspot, type HotspotOptions, type HotspotSnapshot } from "./hotspots";
export { TopKItemsTumbling, TOP_K_LIMITS, type TopKOptions, type TopKRow, type TopKSnapshot } from "./top-k";
export {
  CountDistinctItemsTumbling,
  COUNT_DISTINCT_LIMITS,
  type CountDistinctOptions,
  type CountDistinctRow,
  type CountDistinctSnapshot,
} from "./count-distinct";
export { TUMBLING_WINDOW_LIMITS, type ItemValue } from "./items";
export { sqlTypeOf, type LogColumn, type LogTypeName, type LogValue } from "./logs/columns";
export { compileW3cLogParse, W3C_PREDEFINED_FORMATS, type W3cParser } from "./logs/w3c";
export { compileRegexLogParse, type RegexParser } from "./logs/regex";
export { compileVariableColumnLogParse, type VariableColumnParser } from "./logs/variable-column";
export { compileFixedColumnLogParse, type FixedColumnParser } from "./logs/fixed-column";
