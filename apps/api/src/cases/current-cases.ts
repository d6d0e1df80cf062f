import { Inject, Injectable, Optional } from '@nestjs/common';
import { EVENT_STORE, type EventStore, type StoredEvent, caseStreamId } from '@app/event-store';
import { CaseStream } from './case-stream';
import { advance, continues, type CurrentCase, newCase } from './current-case';

/** How many cases CurrentCases keeps; override by providing this token. */
export const CURRENT_CASES_CAPACITY = Symbol('CURRENT_CASES_CAPACITY');

/**
 * A case of the rijnmond-year profile takes about 8 KB of heap (measured over 2,800 of them), a longer history
 * more: 5,000 keep a region's running cases for some 40-100 MB.
 */
const DEFAULT_CAPACITY = 5_000;

/**
 * The cases commands load, kept between commands so that a command reads and folds only the events appended
 * since the case was last loaded, not the whole stream. Every load still asks the store for those events, so an
 * append by another process (or instance) is never missed; the cache only spares re-reading what is known, which
 * holds because the log is append-only (no stream is ever deleted or rewritten). The append's revision check
 * stays the guard against a concurrent writer. Least recently loaded cases go first.
 */
@Injectable()
export class CurrentCases {
  /** Map order is recency order: a load moves its case to the end. */
  private readonly cases = new Map<string, CurrentCase>();

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly stream: CaseStream,
    @Optional() @Inject(CURRENT_CASES_CAPACITY) private readonly capacity: number = DEFAULT_CAPACITY,
  ) {}

  async load(caseId: string): Promise<CurrentCase> {
    const known = this.cases.get(caseId) ?? newCase(caseId);
    const newer = await this.store.readStream(caseStreamId(caseId), { fromRevision: known.version });
    // An append-only stream always continues; anything else is read again from the start rather than trusted.
    const current = continues(known, newer) ? this.advance(known, newer) : await this.loadWhole(caseId);
    this.remember(current);
    return current;
  }

  get size(): number {
    return this.cases.size;
  }

  private async loadWhole(caseId: string): Promise<CurrentCase> {
    return this.advance(newCase(caseId), await this.store.readStream(caseStreamId(caseId)));
  }

  private advance(current: CurrentCase, events: readonly StoredEvent[]): CurrentCase {
    return advance(current, events, (skipped) => this.stream.warnSkipped(skipped));
  }

  private remember(current: CurrentCase): void {
    if (current.version === 0) return; // a case that does not exist (yet) costs the same to read again
    const known = this.cases.get(current.caseId);
    // Loads of one case may finish out of order: a later version is the newer state of the same log.
    if (known && known.version > current.version) return;
    this.cases.delete(current.caseId);
    this.cases.set(current.caseId, current);
    if (this.cases.size > this.capacity) this.cases.delete(this.cases.keys().next().value as string);
  }
}
