import { describe, expect, it } from 'vitest';
import { formatDeviation, formatMoney, formatMoneyCompact, formatNumber, toAmount } from './money';

const nbsp = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

describe('money', () => {
  it('formats roubles in whole units in the Russian and English number formats', () => {
    expect(nbsp(formatMoney('12500000.00', 'ru'))).toBe('12 500 000 ₽');
    expect(formatMoney('12500000.00', 'en')).toBe('₽12,500,000');
    expect(formatMoney(1_000_000, 'en')).toBe('₽1,000,000');
    expect(nbsp(formatMoney('0', 'ru'))).toBe('0 ₽');
  });

  it('shows kopecks only when asked, and a dash for what is not a number', () => {
    expect(formatMoney('1234.5', 'en', 'RUB', true)).toBe('₽1,234.50');
    expect(formatMoney(null, 'ru')).toBe('—');
    expect(formatMoney('', 'ru')).toBe('—');
    expect(formatMoney('abc', 'en')).toBe('—');
    expect(toAmount('42.10')).toBe(42.1);
  });

  it('keeps other currencies as given', () => {
    expect(formatMoney(100, 'en', 'EUR')).toBe('€100');
  });

  it('has short amounts for chart axes, numbers and signed deviations', () => {
    expect(nbsp(formatMoneyCompact(12_500_000, 'ru'))).toBe('12,5 млн ₽');
    expect(formatMoneyCompact(12_500_000, 'en')).toBe('₽12.5M');
    expect(nbsp(formatNumber(1234, 'ru'))).toBe('1 234');
    expect(formatNumber(1234, 'en')).toBe('1,234');
    expect(formatDeviation(0.123, 'en')).toBe('+12.3%');
    expect(formatDeviation(-0.05, 'en')).toBe('-5%');
    expect(formatDeviation(0, 'en')).toBe('0%');
  });
});
