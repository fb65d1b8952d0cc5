import { guessStageKind, planPipelineStages } from './guess-stage-kind';

describe('guessStageKind', () => {
  it('knows the closing stages of amoCRM, Bitrix24 and English exports', () => {
    expect(guessStageKind('Успешно реализовано')).toBe('WON');
    expect(guessStageKind('Закрыто и не реализовано')).toBe('LOST');
    expect(guessStageKind('Сделка успешна')).toBe('WON');
    expect(guessStageKind('Сделка провалена')).toBe('LOST');
    expect(guessStageKind('Выиграна')).toBe('WON');
    expect(guessStageKind('Проиграна')).toBe('LOST');
    expect(guessStageKind('Closed Won')).toBe('WON');
    expect(guessStageKind('Closed lost')).toBe('LOST');
    expect(guessStageKind('Переговоры')).toBe('OPEN');
    expect(guessStageKind('Первичный контакт')).toBe('OPEN');
  });
});

describe('planPipelineStages', () => {
  it('orders open stages as they appear, then won, then lost, one stage per spelling', () => {
    expect(planPipelineStages(['Переговоры', 'Успешно реализовано', 'Первичный контакт', 'переговоры ', 'Закрыто и не реализовано', 'Принимают решение'])).toEqual([
      { name: 'Переговоры', kind: 'OPEN', probability: 0.25, position: 1 },
      { name: 'Первичный контакт', kind: 'OPEN', probability: 0.5, position: 2 },
      { name: 'Принимают решение', kind: 'OPEN', probability: 0.75, position: 3 },
      { name: 'Успешно реализовано', kind: 'WON', probability: 1, position: 4 },
      { name: 'Закрыто и не реализовано', kind: 'LOST', probability: 0, position: 5 },
    ]);
    expect(planPipelineStages(['', '  '])).toEqual([]);
  });
});
