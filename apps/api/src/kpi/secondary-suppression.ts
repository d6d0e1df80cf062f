import type { DisclosurePolicy } from './disclosure';

/**
 * Secondary suppression. Where an answer shows a total and the parts that add up to it (the groups of a KPI, the
 * institutions of the registration lag, the bars of the caseload distribution), one withheld part is no secret:
 * it is the total minus the parts shown. So whenever exactly one part of a figure is withheld, the smallest
 * shown non-zero part of that figure is withheld too (it gives away the least); when there is none, the total
 * is. Two withheld parts then give only their sum away. This is the usual rule for one dimension (a figure
 * across parts); other linear relations an answer may hold (a count over a threshold that sums some of the
 * caseload bars) are not protected by it.
 *
 * Runs after the primary suppression (disclose), on its output: a withheld count is null there, and counts are
 * never null otherwise. A percentage that rests on a count withheld here is withheld with it (`dependents`).
 */
export interface AdditiveFigure {
  /** Where the count sits in the total and in every part, e.g. ['protector', 'met']. */
  path: readonly string[];
  /** Sibling fields computed from the count (percentages, or statistics whose count is this count), withheld with it. */
  dependents?: readonly string[];
}

type Node = Record<string, unknown>;

export function protectAdditive(total: Node, parts: readonly Node[], figures: readonly AdditiveFigure[], policy: DisclosurePolicy): void {
  if (!policy.suppress || parts.length === 0) return;
  for (const figure of figures) {
    const totalValue = valueAt(total, figure.path);
    if (totalValue === null) continue; // the total hides the parts' sum already
    const withheld = parts.filter((part) => valueAt(part, figure.path) === null).length;
    if (withheld !== 1) continue;
    let smallest: Node | undefined;
    for (const part of parts) {
      const value = valueAt(part, figure.path);
      if (typeof value === 'number' && value > 0 && (smallest === undefined || value < (valueAt(smallest, figure.path) as number))) smallest = part;
    }
    withhold(smallest ?? total, figure);
  }
}

function valueAt(node: Node, path: readonly string[]): unknown {
  let current: unknown = node;
  for (const key of path) current = (current as Node | undefined)?.[key];
  return current;
}

function withhold(node: Node, figure: AdditiveFigure): void {
  const parent = valueAt(node, figure.path.slice(0, -1)) as Node;
  parent[figure.path[figure.path.length - 1]] = null;
  for (const dependent of figure.dependents ?? []) {
    const value = parent[dependent];
    if (value !== null && typeof value === 'object') {
      parent[dependent] = { ...Object.fromEntries(Object.keys(value).filter((k) => k !== 'suppressed').map((k) => [k, null])), suppressed: true };
    } else if (dependent in parent) {
      parent[dependent] = null;
    }
  }
  parent.suppressed = true;
}
