import { assertDimension, dimensionValue } from './dimensions.ts';
import { validationError } from './errors.ts';
import type { LineItem } from './line-items.ts';

/** Cost Explorer's filter `Expression`, as it arrives on the wire. */
export interface WireExpression {
  And?: WireExpression[];
  Or?: WireExpression[];
  Not?: WireExpression;
  Dimensions?: WireValues;
  Tags?: WireValues;
  CostCategories?: WireValues;
}

interface WireValues {
  Key?: string;
  Values?: string[];
  MatchOptions?: string[];
}

export type ItemPredicate = (item: LineItem) => boolean;

const OPERATORS = ['And', 'Or', 'Not', 'Dimensions', 'Tags', 'CostCategories'] as const;

/** Compiles a filter once per request; throws ValidationException for shapes the real API refuses. */
export function compileExpression(expression: WireExpression | undefined): ItemPredicate {
  if (expression === undefined) return () => true;
  const keys = OPERATORS.filter((key) => expression[key] !== undefined);
  if (keys.length !== 1) {
    throw validationError(
      'Expression must specify exactly one of And, Or, Not, Dimensions, Tags, CostCategories',
    );
  }
  if (expression.And || expression.Or) {
    const list = (expression.And ?? expression.Or) as WireExpression[];
    if (!Array.isArray(list) || list.length < 2) {
      throw validationError(`${keys[0]} expression must contain at least 2 expressions`);
    }
    const parts = list.map(compileExpression);
    return expression.And ? (item) => parts.every((p) => p(item)) : (item) => parts.some((p) => p(item));
  }
  if (expression.Not) {
    const inner = compileExpression(expression.Not);
    return (item) => !inner(item);
  }
  if (expression.Dimensions) return dimensionPredicate(expression.Dimensions);
  const keyed = (expression.Tags ?? expression.CostCategories) as WireValues;
  const pickMap = expression.Tags ? (item: LineItem) => item.tags : (item: LineItem) => item.costCategories;
  return keyedPredicate(keyed, pickMap);
}

function dimensionPredicate(values: WireValues): ItemPredicate {
  const key = assertDimension(values.Key);
  const match = valueMatcher(values);
  return (item) => match(dimensionValue(item, key));
}

function keyedPredicate(
  values: WireValues,
  pickMap: (item: LineItem) => Readonly<Record<string, string>>,
): ItemPredicate {
  if (!values.Key) throw validationError('Tags and CostCategories expressions require a Key');
  const key = values.Key;
  const absent = values.MatchOptions?.includes('ABSENT') ?? false;
  const matchesEmpty = absent || (values.Values ?? []).includes('');
  const match = absent ? () => false : valueMatcher(values);
  return (item) => {
    const value = pickMap(item)[key];
    return value === undefined ? matchesEmpty : match(value);
  };
}

function valueMatcher(values: WireValues): (value: string) => boolean {
  const options = values.MatchOptions ?? ['EQUALS'];
  const wanted = values.Values ?? [];
  if (wanted.length === 0) throw validationError('Values must contain at least one value');
  const insensitive = options.includes('CASE_INSENSITIVE');
  const norm = (s: string) => (insensitive ? s.toLowerCase() : s);
  const targets = wanted.map(norm);
  const test = (value: string, target: string): boolean => {
    if (options.includes('STARTS_WITH')) return value.startsWith(target);
    if (options.includes('ENDS_WITH')) return value.endsWith(target);
    if (options.includes('CONTAINS')) return value.includes(target);
    return value === target;
  };
  return (value) => targets.some((target) => test(norm(value), target));
}
