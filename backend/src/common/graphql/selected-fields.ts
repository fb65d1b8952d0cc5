import type { GraphQLResolveInfo, SelectionSetNode } from 'graphql';

/**
 * The names of the fields a query selects directly under the resolved field (through inline
 * fragments and named fragment spreads), so a resolver can skip work for fields nobody asked
 * for: the forecast's roll-ups read where a thousand owners sit, the dashboard asks only for
 * the totals. `path` looks below a sub-field (['member']: what is asked of each card's member).
 */
export function selectedFields(info: GraphQLResolveInfo, path: readonly string[] = []): Set<string> {
  const names = new Set<string>();
  const visit = (set: SelectionSetNode | undefined, depth: number) => {
    for (const selection of set?.selections ?? []) {
      if (selection.kind === 'Field') {
        if (depth === path.length) names.add(selection.name.value);
        else if (selection.name.value === path[depth]) visit(selection.selectionSet, depth + 1);
      } else if (selection.kind === 'InlineFragment') visit(selection.selectionSet, depth);
      else visit(info.fragments[selection.name.value]?.selectionSet, depth);
    }
  };
  for (const node of info.fieldNodes) visit(node.selectionSet, 0);
  return names;
}

/** Whether a query asks for nothing of an object under the resolved field (at `path`) but its id. */
export function asksOnlyId(info: GraphQLResolveInfo, path: readonly string[]): boolean {
  return [...selectedFields(info, path)].every((name) => name === 'id' || name === '__typename');
}
