import { allowedEdits, editDistance, nameKey, NameMatcher } from './reconcile-name';

describe('nameKey', () => {
  it('keeps letters and digits only, in lower case', () => {
    expect(nameKey('GTX Pro')).toBe('gtxpro');
    expect(nameKey('GTXPro')).toBe('gtxpro');
    expect(nameKey(' Gekko & Co. ')).toBe('gekkoco');
    expect(nameKey('Mei-Mei Johns')).toBe('meimeijohns');
    expect(nameKey('Ёлка Café')).toBe('елкаcafe');
  });
});

describe('editDistance', () => {
  it('counts insertions, deletions, substitutions and swapped neighbours', () => {
    expect(editDistance('technolgy', 'technology')).toBe(1);
    expect(editDistance('philipines', 'philippines')).toBe(1);
    expect(editDistance('retial', 'retail')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('same', 'same')).toBe(0);
  });

  it('allows no edits on short names', () => {
    expect(allowedEdits('gtx')).toBe(0);
    expect(allowedEdits('retail')).toBe(1);
    expect(allowedEdits('technology')).toBe(2);
  });
});

describe('NameMatcher', () => {
  const products = new NameMatcher(['GTX Basic', 'GTX Pro', 'GTX Plus Pro', 'MG Special']);

  it('matches exactly, then by the normalized key', () => {
    expect(products.match('GTX Pro')).toEqual({ name: 'GTX Pro', kind: 'EXACT', distance: 0 });
    expect(products.match('GTXPro')).toEqual({ name: 'GTX Pro', kind: 'NORMALIZED', distance: 0 });
    expect(products.match('gtx-plus pro')).toEqual({ name: 'GTX Plus Pro', kind: 'NORMALIZED', distance: 0 });
  });

  it('does not guess without fuzzy matching', () => {
    expect(products.match('GTX Prp')).toBeNull();
    expect(products.match('')).toBeNull();
  });

  it('fixes a small misspelling only when one known name is closest', () => {
    const sectors = new NameMatcher(['technology', 'medical', 'retail', 'software'], { fuzzy: true });
    expect(sectors.match('technolgy')).toEqual({ name: 'technology', kind: 'FUZZY', distance: 1 });
    expect(sectors.match('Retail')).toEqual({ name: 'retail', kind: 'NORMALIZED', distance: 0 });
    expect(sectors.match('aerospace')).toBeNull();
    const twins = new NameMatcher(['Anderson', 'Andersen'], { fuzzy: true });
    expect(twins.match('Andersan')).toBeNull();
  });

  it('refuses two known names with one key', () => {
    const ambiguous = new NameMatcher(['GTX Pro', 'GTX-Pro']);
    expect(ambiguous.match('GTX Pro')?.kind).toBe('EXACT');
    expect(ambiguous.match('gtxpro')).toBeNull();
  });
});
