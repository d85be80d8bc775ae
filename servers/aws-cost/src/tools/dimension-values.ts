import { defineTool } from '@sre-agent/shared';
import { z } from 'zod';
import { countArg, periodArg, tagKeyArg } from '../args.js';
import type { CostToolDeps } from '../deps.js';
import { formatDimensionValues, formatTagValues } from '../format/dimension-values.js';
import { resolvePeriodSpec } from '../periods.js';
import { createMeter } from '../request-meter.js';
import { readOnly } from './annotations.js';

const limitArg = countArg('Values returned; paging stops there (each page is billed)', 200, 2_000);

export function dimensionValueTools(deps: CostToolDeps) {
  return [listDimensionValuesTool(deps), listTagValuesTool(deps)];
}

function listDimensionValuesTool(deps: CostToolDeps) {
  return defineTool({
    name: 'list_dimension_values',
    description:
      'Exact values of a dimension that had costs in a period (service names, accounts with names, regions...), for filters.',
    input: {
      dimension: z
        .enum(['SERVICE', 'LINKED_ACCOUNT', 'REGION', 'USAGE_TYPE', 'INSTANCE_TYPE', 'RECORD_TYPE'])
        .describe('Which dimension to list'),
      period: periodArg('last_30_days'),
      search: z.string().min(1).max(100).optional().describe('Only values containing this text'),
      limit: limitArg,
    },
    annotations: readOnly('List dimension values'),
    async handler({ dimension, period: spec, search, limit }, ctx) {
      const period = resolvePeriodSpec(spec, deps.now());
      const meter = createMeter(ctx.signal);
      const input = {
        TimePeriod: { Start: period.start, End: period.end },
        Dimension: dimension,
        ...(search ? { SearchString: search } : {}),
      };
      const list = await deps.ce.getDimensionValues(input, limit, meter);
      const title = `Values of ${dimension}${search ? ` matching "${search}"` : ''}, ${period.label}`;
      return { text: formatDimensionValues(title, list, meter) };
    },
  });
}

function listTagValuesTool(deps: CostToolDeps) {
  return defineTool({
    name: 'list_tag_values',
    description: 'Values of a cost allocation tag seen in a period, for get_cost_by_tag or tag filters.',
    input: { tag_key: tagKeyArg, period: periodArg('last_30_days'), limit: limitArg },
    annotations: readOnly('List tag values'),
    async handler({ tag_key, period: spec, limit }, ctx) {
      const period = resolvePeriodSpec(spec, deps.now());
      const meter = createMeter(ctx.signal);
      const list = await deps.ce.getTags(
        { TimePeriod: { Start: period.start, End: period.end }, TagKey: tag_key },
        limit,
        meter,
      );
      return { text: formatTagValues(tag_key, `Values of tag "${tag_key}", ${period.label}`, list, meter) };
    },
  });
}
