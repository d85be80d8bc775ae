import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { formatAmount, formatMoney, formatPercentChange, formatSignedMoney, sumAmounts } from './money.js';

describe('money', () => {
  it('prints dollars with thousands separators and cents, rounding half up', () => {
    expect(formatMoney(new Decimal('1234.565'))).toBe('$1,234.57');
    expect(formatMoney(new Decimal('1234567.004'))).toBe('$1,234,567.00');
    expect(formatMoney(new Decimal('-12.5'))).toBe('-$12.50');
    expect(formatMoney(new Decimal('-0.001'))).toBe('$0.00');
  });

  it('uses the currency the API reported', () => {
    expect(formatMoney(new Decimal('10'), 'EUR')).toBe('€10.00');
    expect(formatMoney(new Decimal('10'), 'CHF')).toBe('10.00 CHF');
    expect(formatAmount(new Decimal('1500.5'), 'Hrs', false)).toBe('1,500.50 Hrs');
  });

  it('sums thousands of amounts without float drift', () => {
    const amounts = Array.from({ length: 10_000 }, () => '0.1');
    expect(amounts.reduce((sum, a) => sum + Number(a), 0)).not.toBe(1000);
    expect(sumAmounts(amounts).toString()).toBe('1000');
  });

  it('prints signed changes and percentages', () => {
    expect(formatSignedMoney(new Decimal(5))).toBe('+$5.00');
    expect(formatSignedMoney(new Decimal(-5))).toBe('-$5.00');
    expect(formatPercentChange(new Decimal(5), new Decimal(20))).toBe('+25.0%');
    expect(formatPercentChange(new Decimal(5), new Decimal(0))).toBe('new');
  });

  it('prints credits and refunds below zero in any currency, and never a signed zero', () => {
    expect(formatMoney(new Decimal('-1234.5'), 'EUR')).toBe('-€1,234.50');
    expect(formatMoney(new Decimal('-1234.5'), 'CHF')).toBe('-1,234.50 CHF');
    expect(formatSignedMoney(new Decimal('-400'), 'GBP')).toBe('-£400.00');
    expect(formatSignedMoney(new Decimal('0.004'))).toBe('$0.00');
    expect(formatSignedMoney(new Decimal('-0.004'))).toBe('$0.00');
    expect(formatAmount(new Decimal('-0.001'), 'Hrs', false)).toBe('0.00 Hrs');
    expect(formatAmount(new Decimal('-2.5'), 'Hrs', false)).toBe('-2.50 Hrs');
    expect(formatPercentChange(new Decimal('-0.0001'), new Decimal(100))).toBe('0.0%');
    // A refund that turns a group negative: the change is measured against the size of the base.
    expect(formatPercentChange(new Decimal(-1169.81), new Decimal(769.81))).toBe('-152.0%');
  });
});
