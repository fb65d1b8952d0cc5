/**
 * Russian taxpayer number (ИНН): 10 digits for an organization, 12 for a person or sole
 * trader, with the official check digits (weighted sums mod 11 mod 10).
 */
export type InnProblem = 'NOT_DIGITS' | 'WRONG_LENGTH' | 'BAD_CHECKSUM';

const W10 = [2, 4, 10, 3, 5, 9, 4, 6, 8];
const W11 = [7, 2, 4, 10, 3, 5, 9, 4, 6, 8];
const W12 = [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8];

function checkDigit(digits: number[], weights: number[]): number {
  return (weights.reduce((sum, w, i) => sum + w * digits[i], 0) % 11) % 10;
}

export function innProblem(inn: string): InnProblem | null {
  if (!/^\d+$/.test(inn)) return 'NOT_DIGITS';
  const d = [...inn].map(Number);
  if (d.length === 10) return checkDigit(d, W10) === d[9] ? null : 'BAD_CHECKSUM';
  if (d.length === 12) return checkDigit(d, W11) === d[10] && checkDigit(d, W12) === d[11] ? null : 'BAD_CHECKSUM';
  return 'WRONG_LENGTH';
}

export function isValidInn(inn: string): boolean {
  return innProblem(inn) === null;
}

/** Completes 9 (organization) or 10 (person) digits with valid check digits: for demo and test data. */
export function completeInn(prefix: string): string {
  const d = [...prefix].map(Number);
  if (d.length === 9) return prefix + checkDigit(d, W10);
  if (d.length === 10) {
    const n11 = checkDigit(d, W11);
    return prefix + n11 + checkDigit([...d, n11], W12);
  }
  throw new Error('completeInn takes 9 or 10 digits');
}
