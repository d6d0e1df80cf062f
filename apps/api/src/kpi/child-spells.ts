/**
 * Distinct children per date without a set per date: the rows come ordered by child, so one child's spells
 * (ranges of date indexes) are merged when the next child begins, and each merged spell adds one to every date
 * it covers - through a difference array, so memory is one number per date whatever the number of rows.
 */
export class ChildSpells {
  private readonly starts = new Array<number>();
  private readonly ends = new Array<number>();
  private readonly difference: number[];

  constructor(private readonly dates: number) {
    this.difference = new Array<number>(dates + 1).fill(0);
  }

  add(first: number, end: number): void {
    this.starts.push(first);
    this.ends.push(end);
  }

  /** Counts the spells gathered for one child, each date once, and starts the next child. */
  countChild(): void {
    const order = this.starts.map((_, i) => i).sort((a, b) => this.starts[a] - this.starts[b]);
    let from = -1;
    let until = -1;
    for (const i of order) {
      if (this.starts[i] > until) {
        if (until > from) this.mark(from, until);
        from = this.starts[i];
      }
      until = Math.max(until, this.ends[i]);
    }
    if (until > from) this.mark(from, until);
    this.starts.length = 0;
    this.ends.length = 0;
  }

  counts(): number[] {
    this.countChild();
    let running = 0;
    return this.difference.slice(0, this.dates).map((delta) => (running += delta));
  }

  private mark(from: number, until: number): void {
    this.difference[from] += 1;
    this.difference[until] -= 1;
  }
}
