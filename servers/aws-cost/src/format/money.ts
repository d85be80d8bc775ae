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

/** Two decimals with thousands separators, and the sign only when something is left after rounding. */
function signedDigits(value: Decimal): { sign: '' | '-' | '+'; digits: string } {
  const [whole = '0', cents = '00'] = value.abs().toFixed(2).split('.');
  const digits = `${groupThousands(whole)}.${cents}`;
  if (/^[0.,]+$/.test(digits)) return { sign: '', digits };
  return { sign: value.isNegative() ? '-' : '+', digits };
}

/** `$1,234.56` (currency from the API's Unit); credits and refunds as `-$12.00`; `1,234.56 CHF` for codes without a symbol. */
export function formatMoney(value: Decimal, unit = 'USD'): string {
  const { sign, digits } = signedDigits(value);
  const minus = sign === '-' ? '-' : '';
  const symbol = SYMBOLS[unit];
  if (symbol) return `${minus}${symbol}${digits}`;
  return /^[A-Z]{3}$/.test(unit) ? `${minus}${digits} ${unit}` : `${minus}${digits}`;
}

/** A usage amount or a money amount, depending on the metric's unit. */
export function formatAmount(value: Decimal, unit: string | undefined, isMoney: boolean): string {
  if (isMoney) return formatMoney(value, unit ?? 'USD');
  const { sign, digits } = signedDigits(value);
  return `${sign === '-' ? '-' : ''}${digits}${unit && unit !== 'N/A' ? ` ${unit}` : ''}`;
}

/** `+12.3%`, or `new` when the base is zero; a change that rounds to nothing is `0.0%`. */
export function formatPercentChange(delta: Decimal, base: Decimal): string {
  if (base.isZero()) return delta.isZero() ? '0.0%' : 'new';
  const pct = delta.dividedBy(base.abs()).times(100);
  const fixed = pct.abs().toFixed(1);
  if (fixed === '0.0') return '0.0%';
  return `${pct.isNegative() ? '-' : '+'}${fixed}%`;
}

/** `+$1,234.56` / `-$12.00`: a signed money delta; `$0.00` when it rounds to nothing. */
export function formatSignedMoney(delta: Decimal, unit = 'USD'): string {
  return signedDigits(delta).sign === '+' ? `+${formatMoney(delta, unit)}` : formatMoney(delta, unit);
}

export function formatShare(part: Decimal, whole: Decimal): string {
  if (whole.isZero()) return '0.0%';
  return `${part.dividedBy(whole).times(100).toFixed(1)}%`;
}
