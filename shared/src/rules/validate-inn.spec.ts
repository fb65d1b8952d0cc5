import { completeInn, innProblem, isValidInn } from './validate-inn';

describe('validateInn', () => {
  it('accepts real organization and person numbers', () => {
    expect(isValidInn('7707083893')).toBe(true); // Sberbank
    expect(isValidInn('7736207543')).toBe(true); // Yandex
    expect(isValidInn('500100732259')).toBe(true); // a sample person INN
  });

  it('names what is wrong', () => {
    expect(innProblem('7707083894')).toBe('BAD_CHECKSUM');
    expect(innProblem('500100732258')).toBe('BAD_CHECKSUM');
    expect(innProblem('77070838')).toBe('WRONG_LENGTH');
    expect(innProblem('77O7083893')).toBe('NOT_DIGITS');
    expect(innProblem('')).toBe('NOT_DIGITS');
  });

  it('completes check digits for generated data', () => {
    expect(completeInn('770708389')).toBe('7707083893');
    expect(completeInn('5001007322')).toBe('500100732259');
    for (let i = 0; i < 200; i += 1) {
      expect(isValidInn(completeInn(String(100000000 + i * 7919).slice(0, 9)))).toBe(true);
    }
  });
});
