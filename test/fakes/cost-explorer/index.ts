export { anomalyImpact } from './anomalies.ts';
export { ACCOUNTS, COST_CATEGORY, MONITOR_ARN, SERVICES } from './catalog.ts';
export { dayNumber, isoDay, monthStart } from './dates.ts';
export { compileExpression } from './expression.ts';
export { forecastDailyRate, forecastSpread } from './forecast.ts';
export {
  createLedger,
  formatAmount,
  formatMicros,
  type Ledger,
  type LedgerRow,
  type MetricName,
  rowAmount,
  sumLedger,
} from './ledger.ts';
export type { LineItem } from './line-items.ts';
export { rightsizingRecommendations } from './rightsizing.ts';
export {
  type CostExplorerFake,
  type CostExplorerFakeOptions,
  type InjectedError,
  type RecordedRequest,
  startCostExplorerFake,
} from './server.ts';
