import { Decimal } from 'decimal.js';

/** Sums API amount strings exactly: hundreds of rows of floats would drift by cents. */
export function sumAmounts(amounts: Iterable<string | Decimal | undefined>): Decimal {
  let total = new Decimal(0);
  for (const amount of amounts) if (amount !== undefined && amount !== '') total = total.plus(amount);
  return total;
}

export function toDecimal(amount: string | number | undefined): Decimal {
  return new Decimal(amount === undefined || amount === '' ? 0 : amount);
}

function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

const SYMBOLS: Record<string, string> = { USD: '$', EUR: '€', GBP: '£', JPY: '¥', CNY: '¥', INR: '₹' };

/** `$1,234.56` (currency from the API's Unit); other units print as a plain number and the unit. */
export function formatMoney(value: Decimal, unit = 'USD'): string {
  const fixed = value.abs().toFixed(2);
  const [whole = '0', cents = '00'] = fixed.split('.');
  const sign = value.isNegative() && !value.isZero() && fixed !== '0.00' ? '-' : '';
  const number = `${groupThousands(whole)}.${cents}`;
  const symbol = SYMBOLS[unit];
  if (symbol) return `${sign}${symbol}${number}`;
  return /^[A-Z]{3}$/.test(unit) ? `${sign}${number} ${unit}` : `${sign}${number}`;
}

/** A usage amount or a money amount, depending on the metric's unit. */
export function formatAmount(value: Decimal, unit: string | undefined, isMoney: boolean): string {
  if (isMoney) return formatMoney(value, unit ?? 'USD');
  const [whole = '0', frac = '00'] = value.abs().toFixed(2).split('.');
  const sign = value.isNegative() ? '-' : '';
  return `${sign}${groupThousands(whole)}.${frac}${unit && unit !== 'N/A' ? ` ${unit}` : ''}`;
}

/** `+12.3%`, or `new` when the base is zero. */
export function formatPercentChange(delta: Decimal, base: Decimal): string {
  if (base.isZero()) return delta.isZero() ? '0.0%' : 'new';
  const pct = delta.dividedBy(base.abs()).times(100);
  return `${pct.isNegative() ? '' : '+'}${pct.toFixed(1)}%`;
}

/** `+$1,234.56` / `-$12.00`: a signed money delta. */
export function formatSignedMoney(delta: Decimal, unit = 'USD'): string {
  return delta.isNegative() ? formatMoney(delta, unit) : `+${formatMoney(delta, unit)}`;
}

export function formatShare(part: Decimal, whole: Decimal): string {
  if (whole.isZero()) return '0.0%';
  return `${part.dividedBy(whole).times(100).toFixed(1)}%`;
}
