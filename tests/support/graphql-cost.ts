/**
 * What a GraphQL query costs against GitHub's rate limit, by GitHub's published formula
 * (https://docs.github.com/en/graphql/overview/rate-limits-and-query-limits-for-the-graphql-api,
 * "Calculating the rate limit score of a query"): add up the requests needed to fulfil each
 * connection, assuming every `first`/`last` page is full (a connection inside another is asked
 * once per node of its parent's full page), divide by 100 and round to the nearest whole number;
 * a query costs at least 1 point. For tests and the bench only: the extension ships no parser.
 */
import { Kind, parse, type FragmentDefinitionNode, type SelectionSetNode, type ValueNode } from 'graphql';

/** A query's connections and what they add up to. */
export interface QueryCost {
  /** Requests to fulfil every connection, pages assumed full. */
  requests: number;
  /** Points against the hourly limit of 5,000. */
  points: number;
  /** Requests by connection field name, summed over aliases and nesting. */
  byConnection: Record<string, number>;
}

/** The page size a `first` or `last` argument asks for (a literal, or a variable's value). */
function pageSize(value: ValueNode, variables: Record<string, unknown>): number | undefined {
  if (value.kind === Kind.INT) return Number(value.value);
  if (value.kind === Kind.VARIABLE) {
    const given = variables[value.name.value];
    return typeof given === 'number' ? given : undefined;
  }
  return undefined;
}

/** The cost of `query` with `variables`, by GitHub's formula. */
export function queryCost(query: string, variables: Record<string, unknown> = {}): QueryCost {
  const document = parse(query);
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  const byConnection: Record<string, number> = {};
  let requests = 0;
  const visit = (set: SelectionSetNode | undefined, parents: number, seen: ReadonlySet<string>): void => {
    for (const selection of set?.selections ?? []) {
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        visit(selection.selectionSet, parents, seen);
      } else if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const name = selection.name.value;
        if (!seen.has(name)) visit(fragments.get(name)?.selectionSet, parents, new Set([...seen, name]));
      } else {
        const page = selection.arguments?.flatMap((arg) => (arg.name.value === 'first' || arg.name.value === 'last' ? [pageSize(arg.value, variables)] : [])).find((n) => n !== undefined);
        if (page === undefined) {
          visit(selection.selectionSet, parents, seen);
        } else {
          requests += parents;
          byConnection[selection.name.value] = (byConnection[selection.name.value] ?? 0) + parents;
          visit(selection.selectionSet, parents * page, seen);
        }
      }
    }
  };
  for (const definition of document.definitions) if (definition.kind === Kind.OPERATION_DEFINITION) visit(definition.selectionSet, 1, new Set());
  return { requests, points: Math.max(1, Math.round(requests / 100)), byConnection };
}
