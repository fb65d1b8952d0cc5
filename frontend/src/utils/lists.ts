/** Items typed as one line, separated by commas or semicolons: trimmed, empty ones and repeats dropped. */
export function splitList(text: string): string[] {
  return [...new Set(text.split(/[,;\n]/).map((item) => item.trim()).filter(Boolean))];
}

/** What a cross role needs in scope before the server would take it. */
export function crossRoleScopeProblem(kind: string, products: readonly string[], regions: readonly string[]): 'products' | 'regions' | null {
  if (kind === 'PRODUCT_MANAGER' && products.length === 0) return 'products';
  if (kind === 'TERRITORY_MANAGER' && regions.length === 0) return 'regions';
  return null;
}
