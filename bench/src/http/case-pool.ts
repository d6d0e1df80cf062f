import type { BusinessDate, Institution } from '@app/domain';
import type { SeededRandom } from '../random/seeded-random';

/**
 * What the bench knows of a case, enough to pick a next step the domain accepts: the protector's institution,
 * the pronouncement date (no step may predate it), whether the initial assignment was made, and the open
 * waiting-list entries (an exit needs one, on or after its start).
 */
export interface CaseModel {
  caseId: string;
  institution: Institution;
  pronouncedOn: BusinessDate;
  assignmentCount: number;
  openEntries: Array<{ entryId: string; since: BusinessDate }>;
}

/**
 * Running cases free for a next step. A request checks its case out and the answer checks it back in, so no two
 * requests in flight touch the same case: each step is decided on a known state and the mix measures commands
 * that succeed, not retries and conflicts. A case whose command failed is dropped: its state is uncertain.
 */
export class CasePool {
  private readonly free: CaseModel[] = [];

  constructor(private readonly random: SeededRandom) {}

  get size(): number {
    return this.free.length;
  }

  add(model: CaseModel): void {
    this.free.push(model);
  }

  /** A random free case, removed from the pool until it is released. */
  checkout(): CaseModel | undefined {
    if (this.free.length === 0) return undefined;
    const index = this.random.int(0, this.free.length - 1);
    const model = this.free[index];
    this.free[index] = this.free[this.free.length - 1];
    this.free.pop();
    return model;
  }
}
