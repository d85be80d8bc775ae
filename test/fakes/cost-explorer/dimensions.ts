import { ACCOUNTS, REGION_NAMES } from './catalog.ts';
import { validationError } from './errors.ts';
import type { LineItem } from './line-items.ts';

export const DIMENSIONS = [
  'SERVICE',
  'LINKED_ACCOUNT',
  'LINKED_ACCOUNT_NAME',
  'REGION',
  'USAGE_TYPE',
  'INSTANCE_TYPE',
  'RECORD_TYPE',
] as const;

export type DimensionKey = (typeof DIMENSIONS)[number];

export function assertDimension(key: unknown): DimensionKey {
  if (typeof key === 'string' && (DIMENSIONS as readonly string[]).includes(key)) return key as DimensionKey;
  throw validationError(
    `Dimension ${String(key)} is not allowed. Valid dimensions: ${DIMENSIONS.join(', ')}`,
  );
}

export function dimensionValue(item: LineItem, key: DimensionKey): string {
  switch (key) {
    case 'SERVICE':
      return item.service;
    case 'LINKED_ACCOUNT':
      return item.account;
    case 'LINKED_ACCOUNT_NAME':
      return item.accountName;
    case 'REGION':
      return item.region;
    case 'USAGE_TYPE':
      return item.usageType;
    case 'INSTANCE_TYPE':
      return item.instanceType;
    case 'RECORD_TYPE':
      return item.recordType;
  }
}

/** The `Attributes` Cost Explorer attaches to a dimension value (account names, region names). */
export function dimensionAttributes(key: DimensionKey, value: string): Record<string, string> {
  if (key === 'LINKED_ACCOUNT') {
    const account = ACCOUNTS.find((a) => a.id === value);
    return account ? { description: account.name } : {};
  }
  if (key === 'REGION') {
    const name = REGION_NAMES[value];
    return name ? { description: name } : {};
  }
  return {};
}
