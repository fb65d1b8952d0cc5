/**
 * Matching a spelled name to a known one, as an import must: "GTXPro" is the product
 * "GTX Pro", "technolgy" is the sector "technology". Exact first, then the same letters and
 * digits ignoring case, spaces and punctuation, then (only when asked) a small edit distance
 * with one clear winner. Never guesses between two equally close names.
 */

export type NameMatchKind = 'EXACT' | 'NORMALIZED' | 'FUZZY';

export interface NameMatch {
  /** The known name the value stands for. */
  name: string;
  kind: NameMatchKind;
  /** Edits between the normalized forms (0 unless FUZZY). */
  distance: number;
}

/** Letters and digits only, lower case, Unicode-normalized: the key two spellings of one name share. */
export function nameKey(value: string): string {
  return value
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

/** Optimal-string-alignment distance: insertions, deletions, substitutions and swaps of neighbours. */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  let prevPrev: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, prevPrev[j - 2] + 1);
      row.push(best);
    }
    prevPrev = prev;
    prev = row;
  }
  return prev[b.length];
}

/** How many edits a fuzzy match may need: none under 5 characters, 1 up to 8, 2 beyond. */
export function allowedEdits(key: string): number {
  if (key.length < 5) return 0;
  return key.length <= 8 ? 1 : 2;
}

/**
 * A lookup of known names, built once, asked many times (8,800 deal rows ask it for their
 * product). `fuzzy` allows small misspellings; without it only case, spaces and punctuation
 * may differ.
 */
export class NameMatcher {
  private readonly exact = new Map<string, string>();
  private readonly byKey = new Map<string, string[]>();
  private readonly cache = new Map<string, NameMatch | null>();

  constructor(
    known: Iterable<string>,
    private readonly options: { fuzzy: boolean } = { fuzzy: false },
  ) {
    for (const name of known) {
      this.exact.set(name, name);
      const key = nameKey(name);
      const list = this.byKey.get(key) ?? [];
      if (!list.includes(name)) list.push(name);
      this.byKey.set(key, list);
    }
  }

  match(value: string): NameMatch | null {
    const cached = this.cache.get(value);
    if (cached !== undefined) return cached;
    const found = this.find(value);
    this.cache.set(value, found);
    return found;
  }

  private find(value: string): NameMatch | null {
    const exact = this.exact.get(value);
    if (exact !== undefined) return { name: exact, kind: 'EXACT', distance: 0 };
    const key = nameKey(value);
    if (key === '') return null;
    const same = this.byKey.get(key);
    if (same) return same.length === 1 ? { name: same[0], kind: 'NORMALIZED', distance: 0 } : null;
    if (!this.options.fuzzy) return null;
    const limit = allowedEdits(key);
    if (limit === 0) return null;
    let best: { names: string[]; distance: number } = { names: [], distance: Infinity };
    for (const [candidateKey, names] of this.byKey) {
      if (Math.abs(candidateKey.length - key.length) > limit) continue;
      const distance = editDistance(key, candidateKey);
      if (distance > limit || distance > allowedEdits(candidateKey)) continue;
      if (distance < best.distance) best = { names: [...names], distance };
      else if (distance === best.distance) best.names.push(...names);
    }
    return best.names.length === 1 ? { name: best.names[0], kind: 'FUZZY', distance: best.distance } : null;
  }
}
