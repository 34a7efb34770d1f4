/**
 * ccsim's public API: load a scenario, run replications, cost them, compare options, chart.
 *
 *   import { loadScenarioOrThrow, runScenario, costReport } from "ccsim";
 *   const { scenario } = loadScenarioOrThrow("scenarios/baseline.yaml");
 *   const result = runScenario(scenario, { replications: 30 });
 *   result.summary.types.all.serviceLevel;   // { n, mean, sd, ci95, p5, p50, p95 }
 *
 * Data flows one way: scenario file → Scenario → RunModel → simulate → ReplicationResult →
 * ExperimentResult → CostReport → comparisons, tables and charts.
 */

// Scenario files
export { loadScenarioFile, loadScenarioOrThrow, parseScenarioText, formatDiagnostics, parsePath, parseOverride, ScenarioError } from "./scenario/load.js";
export type { Diagnostic, LoadResult, LoadOptions, Override, SourceHost } from "./scenario/load.js";
export { scenarioSchema } from "./scenario/schema.js";
export type { Scenario, ScenarioInput, DistributionSpec, Channel } from "./scenario/schema.js";

// Simulation
export { compileModel } from "./sim/model.js";
export type { RunModel } from "./sim/model.js";
export { simulate, RANKS } from "./sim/engine.js";
export type { SimulateOptions, TraceRecord } from "./sim/engine.js";
export { streams, StreamTree } from "./sim/random.js";
export type { RandomStream } from "./sim/random.js";
export { makeDistribution, exponential, deterministic, uniform, triangular, lognormal, lognormalLog, gamma, gammaShapeScale, weibull, weibullScale, erlang, empirical, survival } from "./sim/distributions.js";
export type { Distribution } from "./sim/distributions.js";
export { Calendar } from "./sim/calendar.js";
export type { ReplicationStats, ReplicationStatus } from "./sim/stats.js";

// Experiments
export { runScenario, runScenarioYielding, runReplication, summarizeExperiment } from "./experiment/replicate.js";
export type { ExperimentResult, ExperimentInfo, RunOptions, ScopedSummary, SeriesSummary } from "./experiment/replicate.js";
export { runScenarioParallel, createWorkerPool } from "./experiment/pool.js";
export type { WorkerPool, ParallelRunOptions } from "./experiment/pool.js";
export { CONTACT_KPIS, AGENT_KPIS, replicationResult } from "./experiment/kpis.js";
export type { KpiRecord, ReplicationResult, ScopedKpis } from "./experiment/kpis.js";
export { summarize, tQuantile975 } from "./experiment/summary.js";
export type { Summary, BandSummary } from "./experiment/summary.js";
export { compareOptions } from "./experiment/compare.js";
export type { Comparison, CompareOption, PairedDifference } from "./experiment/compare.js";
export { gridPoints, sweepResult, sweepSeries } from "./experiment/sweep.js";
export type { SweepResult, SweepRow, SweepParameter, SweepPoint } from "./experiment/sweep.js";
export { diagnoseModel, diagnoseResult } from "./experiment/diagnose.js";

// Analytic models and costs
export { erlangB, erlangC, erlangCKpis, erlangAKpis, agentsForServiceLevel } from "./models/erlang.js";
export type { ErlangCKpis, ErlangAKpis } from "./models/erlang.js";
export { costReport, replicationCost, hasCosts, COST_CATEGORIES, COST_LABELS } from "./models/cost.js";
export type { CostReport, CostRecord } from "./models/cost.js";
export { exactSum } from "./models/money.js";
export { scheduleShifts, planToShiftSpecs } from "./models/scheduling.js";
export type { ShiftPlan, ScheduleRequest, ShiftTemplate } from "./models/scheduling.js";

// Reports
export { kpiTable, costTable } from "./report/table.js";
export { compareOutcomes, verdict, comparisonTable } from "./report/verdict.js";
export type { LabelledOutcome } from "./report/verdict.js";
export { resultsDocument, summaryCsv, intervalsCsv, replicationsCsv, toJson } from "./report/results.js";
export { describeFinding, RUN_WARNINGS } from "./report/warnings.js";
export type { RunWarning } from "./report/warnings.js";

// Charts (vega-lite specs), rendering and notebooks
export * from "./report/charts/index.js";
export { renderSvg, compileChart } from "./report/render.js";
export { show, chartBundle } from "./report/display.js";
export { buildReport, htmlReport } from "./report/html.js";
export type { ReportInput, ReportOutcome } from "./report/html.js";
export { iterativeStaffing, analyticRequirements, parseTarget, withStaffing } from "./experiment/staffing.js";
export type { ServiceTarget, IsaResult } from "./experiment/staffing.js";
export { planBySimulation, analyticPlan } from "./experiment/plan.js";
export type { PlanOutcome, PlanOptions, TypeTargets } from "./experiment/plan.js";
export { checkPlan } from "./experiment/plan-check.js";
export type { TypeVerdict } from "./experiment/plan-check.js";
export { agentsForTargets, slotHoldingTime } from "./models/targets.js";
export type { StaffingTargets, QueueForecast } from "./models/targets.js";
export { rankSensitivity } from "./experiment/sensitivity.js";
export { uncertainCosts } from "./models/uncertain-costs.js";
export type { UncertainCostsOptions } from "./models/uncertain-costs.js";
export type { UncertaintyReport, PropagationOption } from "./experiment/propagate.js";
export type { UncertaintyResult, UncertainSaving, Driver } from "./experiment/uncertainty.js";
export { latinHypercube, assumptionQuantile } from "./experiment/assumptions.js";
export { findBreakEven } from "./experiment/break-even.js";
export { uncertaintyLines, breakEvenSentence, driversTornado } from "./report/uncertainty.js";
export type { SensitivityResult, SensitivityRow, SensitivityInput } from "./experiment/sensitivity.js";

// Call records: reading them, fitting a scenario, calibrating staffing, backtesting (docs/records.md)
export { parseRecords, RecordsReader, RecordsError } from "./records/read.js";
export { parseMapping, DEFAULT_MAPPING, MappingError } from "./records/mapping.js";
export type { ColumnMapping } from "./records/mapping.js";
export { fitRecords } from "./fit/fit.js";
export type { FitResult, TypeFit, ArrivalFit, IvrFit, StaffingFit, FitOptions } from "./fit/fit.js";
export { scenarioText } from "./fit/scenario-text.js";
export { calibrateStaffing } from "./fit/calibrate.js";
export type { CalibrationResult, CalibrationOptions } from "./fit/calibrate.js";
export { backtestScenario } from "./fit/against-records.js";
export { backtestLines, backtestCsv, KPI_LABELS } from "./fit/backtest.js";
export type { BacktestResult, KpiBacktest, Comparison as BacktestComparison } from "./fit/backtest.js";
export { dailyVolumeChart, handleTimeQuantileChart, patienceChart, backtestKpiChart } from "./report/charts/fit.js";
export { RecordMaker } from "./records/write.js";
export { RECORDS_HEADER, recordLine, formatLocalTime, parseLocalTime } from "./records/format.js";
export type { CallRecord, Outcome as RecordOutcome } from "./records/format.js";
