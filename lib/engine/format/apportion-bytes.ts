// Splits a whole number of bytes between named shares in proportion to their weights, exactly:
// the parts are integers that sum to the total (largest-remainder method, ties by name so the
// result is deterministic). Used to attribute a pack's stored bytes to the collections in it.
export function apportionBytes(total: number, weights: ReadonlyMap<string, number>): Map<string, number> {
  const out = new Map<string, number>();
  const sum = [...weights.values()].reduce((a, b) => a + b, 0);
  if (weights.size === 0) return out;
  if (sum <= 0) {
    // No weight to go by (cannot happen for frames, which hold ≥ 1 document): split evenly.
    return apportionBytes(total, new Map([...weights.keys()].map((k) => [k, 1])));
  }
  const rest: [string, number][] = [];
  let given = 0;
  for (const [name, w] of weights) {
    const exact = (total * w) / sum;
    const part = Math.floor(exact);
    out.set(name, part);
    given += part;
    rest.push([name, exact - part]);
  }
  rest.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  for (let i = 0; i < total - given; i++) {
    const name = rest[i % rest.length]![0];
    out.set(name, out.get(name)! + 1);
  }
  return out;
}

/** Adds `parts` into `into` (by name). */
export function addBytes(into: Map<string, number>, parts: ReadonlyMap<string, number>): void {
  for (const [name, n] of parts) into.set(name, (into.get(name) ?? 0) + n);
}
