import {
  ACCOUNTS,
  BUSINESS_UNIT_BY_TEAM,
  COST_CATEGORY,
  CREDITS,
  ENVS,
  REGION_PREFIX,
  SERVICES,
  type ServiceSpec,
  TEAMS,
} from './catalog.ts';

/** One billed line of the fake bill: a fixed combination of dimensions that accrues cost every day. */
export interface LineItem {
  id: number;
  spec: ServiceSpec;
  service: string;
  account: string;
  accountName: string;
  region: string;
  usageType: string;
  instanceType: string;
  recordType: string;
  /** A missing key means the resource is untagged for that key. */
  tags: Readonly<Record<string, string>>;
  costCategories: Readonly<Record<string, string>>;
  /** Dollars per day (or per month for monthly charges) at the start of the ledger. */
  base: number;
  /** Dollars per usage unit, to derive UsageQuantity from cost. */
  unitPrice: number;
  savingsPlans: number;
  reserved: number;
}

/** mulberry32: a tiny seeded PRNG so the same seed always yields the same bill. */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function pick<T>(random: () => number, values: readonly T[]): T {
  return values[Math.floor(random() * values.length)] as T;
}

const REGION_WEIGHTS = ['us-east-1', 'us-east-1', 'us-east-1', 'us-west-2', 'eu-west-1', 'ap-southeast-1'];
const ACCOUNT_WEIGHTS = [0, 0, 0, 1, 2, 2, 2, 3, 4, 4, 5];
const TEAM_BY_ACCOUNT: Record<string, string | undefined> = {
  'payments-prod': 'payments',
  'payments-staging': 'payments',
  'data-platform': 'data',
  'shared-services': 'platform',
  'ml-research': 'ml',
};

function tagsFor(random: () => number, accountName: string): Record<string, string> {
  if (random() < 0.15) return {};
  const tags: Record<string, string> = {};
  const team = random() < 0.8 ? TEAM_BY_ACCOUNT[accountName] : pick(random, TEAMS);
  if (team) tags.team = team;
  const env = accountName.endsWith('-prod')
    ? 'prod'
    : accountName.endsWith('-staging')
      ? 'staging'
      : accountName === 'sandbox'
        ? 'dev'
        : pick(random, ENVS);
  if (random() < 0.85) tags.env = env;
  return tags;
}

function costCategoriesFor(tags: Record<string, string>): Record<string, string> {
  const unit = tags.team ? BUSINESS_UNIT_BY_TEAM[tags.team] : undefined;
  return unit ? { [COST_CATEGORY]: unit } : {};
}

function itemFor(random: () => number, spec: ServiceSpec, id: number, share: number): LineItem {
  const account = ACCOUNTS[pick(random, ACCOUNT_WEIGHTS)] ?? ACCOUNTS[0]!;
  const region = pick(random, spec.regions ?? REGION_WEIGHTS);
  const instanceType = spec.instanceTypes ? pick(random, spec.instanceTypes) : 'NoInstanceType';
  const usage = pick(random, spec.usage);
  const suffix = spec.instanceTypes ? `:${instanceType}` : '';
  const tags = tagsFor(random, account.name);
  const covered = account.name === 'payments-prod' || account.name === 'data-platform';
  return {
    id,
    spec,
    service: spec.name,
    account: account.id,
    accountName: account.name,
    region,
    usageType: `${REGION_PREFIX[region] ?? 'USE1'}-${usage}${suffix}`,
    instanceType,
    recordType: spec.recordType ?? 'Usage',
    tags,
    costCategories: costCategoriesFor(tags),
    base: spec.daily * share,
    unitPrice: 0.02 + Math.round(random() * 400) / 1000,
    savingsPlans: covered ? (spec.savingsPlans ?? 0) : 0,
    reserved: spec.reserved ?? 0,
  };
}

/** Splits each service into 1 to 4 line items with random weights; monthly charges stay whole. */
export function generateLineItems(seed: number, options: { credits?: boolean } = {}): LineItem[] {
  const random = createRandom(seed);
  const items: LineItem[] = [];
  for (const spec of SERVICES) {
    const count = spec.monthly ? 1 : 1 + Math.floor(random() * 4);
    const weights = Array.from({ length: count }, () => 0.2 + random());
    const sum = weights.reduce((a, b) => a + b, 0);
    for (const weight of weights) items.push(itemFor(random, spec, items.length, weight / sum));
  }
  // A random stream of their own, so opting in leaves every other line item as it was.
  const creditRandom = createRandom(seed + 1);
  if (options.credits) for (const spec of CREDITS) items.push(itemFor(creditRandom, spec, items.length, 1));
  return items;
}
