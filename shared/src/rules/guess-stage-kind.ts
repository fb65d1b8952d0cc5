/**
 * The kind of a deal stage from its name, for a pipeline a CSV import creates from the
 * stage names its file uses (amoCRM's "Успешно реализовано" and "Закрыто и не
 * реализовано", Bitrix24's "Сделка успешна" and "Сделка провалена", "Won", "Closed lost"):
 * LOST is checked first, as a lost stage's name often contains a won word ("не реализовано").
 */
import type { DealStageKind } from '../domain/imports';
import { nameKey } from './reconcile-name';

const LOST_WORDS = ['lost', 'проигр', 'провал', 'отказ', 'нереализ', 'неуспеш', 'отмен', 'потерян', 'неудач', 'закрытоине', 'cancel'];
const WON_WORDS = ['won', 'win', 'выигр', 'успеш', 'реализовано', 'оплачен', 'заключен', 'победа'];

export function guessStageKind(name: string): DealStageKind {
  const key = nameKey(name);
  if (LOST_WORDS.some((w) => key.includes(w))) return 'LOST';
  if (WON_WORDS.some((w) => key.includes(w))) return 'WON';
  return 'OPEN';
}

/**
 * Stages for a new pipeline from the stage names of a file, in the order they first
 * appear: the open ones first (probabilities spread evenly between 0 and 1), then won
 * (1), then lost (0). Names that differ only in case, spacing or punctuation are one stage.
 */
export function planPipelineStages(names: readonly string[]): { name: string; kind: DealStageKind; probability: number; position: number }[] {
  const seen = new Map<string, string>();
  for (const name of names) {
    const key = nameKey(name);
    if (key !== '' && !seen.has(key)) seen.set(key, name.trim());
  }
  const all = [...seen.values()].map((name) => ({ name, kind: guessStageKind(name) }));
  const open = all.filter((s) => s.kind === 'OPEN');
  const ordered = [...open, ...all.filter((s) => s.kind === 'WON'), ...all.filter((s) => s.kind === 'LOST')];
  return ordered.map((s, i) => ({
    ...s,
    probability: s.kind === 'WON' ? 1 : s.kind === 'LOST' ? 0 : Math.round(((open.indexOf(s) + 1) / (open.length + 1)) * 100) / 100,
    position: i + 1,
  }));
}
