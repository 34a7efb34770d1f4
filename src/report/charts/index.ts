/**
 * ccsim's charts: pure functions from results to vega-lite specs (render them with
 * report/render.ts, show them in a notebook with report/display.ts). Every chart colours
 * scenarios by their position in the list of outcomes (`scenarioScale`), so a scenario keeps its
 * colour across charts, and states its finding in the title.
 */
export {
  CHART_FONT,
  COST_CATEGORY_COLORS,
  SCENARIO_PALETTE,
  chartConfig,
  currencyAffixes,
  moneyLabelExpr,
  scenarioColor,
  scenarioScale,
  textWidth,
  wrapText,
  type ChartOptions,
  type ChartOutcome,
} from "./common.js";
export {
  costBreakdownChart,
  costDifferenceChart,
  costDistributionChart,
  pairedDifferenceChart,
  type CostBreakdownOptions,
  type CostDistributionOptions,
  type CostMeasure,
  type DifferenceOptions,
} from "./cost.js";
export { PROFILE_KPIS, serviceProfileChart, type ProfileKpi, type ProfileOutcome, type ServiceProfileOptions } from "./service.js";
export { costServiceFrontierChart, defaultPointLabel, parameterName, type FrontierCost, type FrontierOptions } from "./frontier.js";
export { analyticKpi, erlangComparisonChart, type ErlangComparisonOptions, type ErlangKpi } from "./erlang.js";
export { tornadoChart, type TornadoOptions } from "./tornado.js";
