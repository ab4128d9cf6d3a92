/**
 * Strongly connected components (Tarjan), with an explicit stack instead of recursion: a chain
 * of 10,000 blockers would overflow the call stack. Components come out blockers first: each
 * after every component it waits on.
 */

/** Components as lists of indices, and the component of each index. */
export interface Components {
  members: number[][];
  of: Int32Array;
}

interface Frame {
  node: number;
  edge: number;
}

/** Tarjan's algorithm over `up` (edges from an item to what it waits on). */
export function components(up: readonly number[][]): Components {
  const n = up.length;
  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const of = new Int32Array(n).fill(-1);
  const stack: number[] = [];
  const members: number[][] = [];
  let counter = 0;
  const enter = (node: number, work: Frame[]) => {
    index[node] = low[node] = counter++;
    stack.push(node);
    onStack[node] = 1;
    work.push({ node, edge: 0 });
  };
  for (let root = 0; root < n; root++) {
    if (index[root]! >= 0) continue;
    const work: Frame[] = [];
    enter(root, work);
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      const next = up[frame.node]![frame.edge++];
      if (next === undefined) finish(frame.node, work);
      else if (index[next]! < 0) enter(next, work);
      else if (onStack[next]) low[frame.node] = Math.min(low[frame.node]!, index[next]!);
    }
  }
  return { members, of };

  function finish(node: number, work: Frame[]): void {
    work.pop();
    const parent = work[work.length - 1];
    if (parent) low[parent.node] = Math.min(low[parent.node]!, low[node]!);
    if (low[node] !== index[node]) return;
    const component: number[] = [];
    let member: number;
    do {
      member = stack.pop()!;
      onStack[member] = 0;
      of[member] = members.length;
      component.push(member);
    } while (member !== node);
    members.push(component);
  }
}

/** Whether component `c` is a cycle: several members, or one that waits on itself. */
export function isCycle(c: number, comps: Components, up: readonly number[][]): boolean {
  const members = comps.members[c]!;
  return members.length > 1 || up[members[0]!]!.includes(members[0]!);
}
