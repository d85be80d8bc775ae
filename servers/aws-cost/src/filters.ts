import type { FilterArgs } from './args.js';
import type { Dimension, Expression, GroupDefinition } from './ce-types.js';

function tagClause(key: string, values: readonly string[]): Expression {
  const named = values.filter((v) => v !== '');
  const absent: Expression = { Tags: { Key: key, MatchOptions: ['ABSENT'] } };
  if (named.length === values.length) return { Tags: { Key: key, Values: [...named] } };
  if (named.length === 0) return absent;
  return { Or: [{ Tags: { Key: key, Values: named } }, absent] };
}

function tagsByKey(pairs: readonly string[]): Map<string, string[]> {
  const byKey = new Map<string, string[]>();
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    const key = pair.slice(0, at);
    byKey.set(key, [...(byKey.get(key) ?? []), pair.slice(at + 1)]);
  }
  return byKey;
}

/** Builds the API's filter from flat include/exclude lists; undefined when there is nothing to filter. */
export function buildFilter(args: FilterArgs): Expression | undefined {
  const clauses: Expression[] = [];
  const dimension = (key: Dimension, include?: string[], exclude?: string[]) => {
    if (include?.length) clauses.push({ Dimensions: { Key: key, Values: include } });
    if (exclude?.length) clauses.push({ Not: { Dimensions: { Key: key, Values: exclude } } });
  };
  dimension('SERVICE', args.include_services, args.exclude_services);
  dimension('LINKED_ACCOUNT', args.include_accounts, args.exclude_accounts);
  dimension('REGION', args.include_regions, args.exclude_regions);
  for (const [key, values] of tagsByKey(args.include_tags ?? [])) clauses.push(tagClause(key, values));
  for (const [key, values] of tagsByKey(args.exclude_tags ?? []))
    clauses.push({ Not: tagClause(key, values) });
  // The API wants at least two operands under And, so a single clause stands alone.
  if (clauses.length <= 1) return clauses[0];
  return { And: clauses };
}

/** One line for the result header, so the model sees which filter produced the numbers. */
export function describeFilter(args: FilterArgs): string | undefined {
  const parts: string[] = [];
  const add = (label: string, values?: string[]) => {
    if (values?.length) parts.push(`${label} ${values.join(', ')}`);
  };
  add('services:', args.include_services);
  add('excluding services:', args.exclude_services);
  add('accounts:', args.include_accounts);
  add('excluding accounts:', args.exclude_accounts);
  add('regions:', args.include_regions);
  add('excluding regions:', args.exclude_regions);
  add('tags:', args.include_tags);
  add('excluding tags:', args.exclude_tags);
  return parts.length > 0 ? `Filter: ${parts.join('; ')}` : undefined;
}

/** `tag:team` -> a TAG group, `cost_category:BU` -> a COST_CATEGORY group, else a dimension. */
export function parseGroupBy(item: string): GroupDefinition {
  if (item.startsWith('tag:')) return { Type: 'TAG', Key: item.slice(4) };
  if (item.startsWith('cost_category:'))
    return { Type: 'COST_CATEGORY', Key: item.slice('cost_category:'.length) };
  return { Type: 'DIMENSION', Key: item };
}

/** A group key as a person reads it: `team$payments` -> `payments`, `team$` -> `(no team tag)`. */
export function groupLabel(
  definition: GroupDefinition,
  key: string,
  accountNames: Record<string, string> = {},
): string {
  if (definition.Type === 'DIMENSION') {
    const name = definition.Key === 'LINKED_ACCOUNT' ? accountNames[key] : undefined;
    return name ? `${key} (${name})` : key || '(none)';
  }
  const value = key.startsWith(`${definition.Key}$`) ? key.slice(definition.Key.length + 1) : key;
  if (value !== '') return value;
  return definition.Type === 'TAG' ? `(no ${definition.Key} tag)` : `(not in ${definition.Key})`;
}
