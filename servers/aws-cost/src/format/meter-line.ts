import type { RequestMeter } from '../request-meter.js';

/** The last line of every result: what the answer cost, so loops are visible to model and human. */
export function formatMeterLine(meter: RequestMeter): string {
  const cost = (meter.billed * 0.01).toFixed(2);
  const billed = `${meter.billed} billed request${meter.billed === 1 ? '' : 's'} ($${cost})`;
  return `Cost Explorer: ${billed}, ${meter.cached} served from cache.`;
}
