import Database from 'better-sqlite3';
import { prefixPages } from './prefix-page';
import { SCHEMA } from './sqlite-schema';

/** The log's table in memory, its events appended in the order given (position = order). */
function logOf(streamIds: readonly string[]): Database.Database {
  const db = new Database(':memory:');
  db.exec(SCHEMA);
  const insert = db.prepare("INSERT INTO events (stream_id, revision, event_id, type, data, metadata, stored_at) VALUES (?, ?, ?, 'T', '{}', '{}', '')");
  const revisions = new Map<string, number>();
  db.transaction(() =>
    streamIds.forEach((streamId, index) => {
      const revision = revisions.get(streamId) ?? 0;
      revisions.set(streamId, revision + 1);
      insert.run(streamId, revision, `e${index + 1}`);
    }),
  )();
  return db;
}

/** What a page must hold: the matching events from `from` on, in log order, at most `limit`. */
const expected = (streamIds: readonly string[], from: number, prefix: string, limit: number): number[] =>
  streamIds
    .map((streamId, index) => ({ streamId, position: index + 1 }))
    .filter(({ streamId, position }) => position >= from && streamId.startsWith(prefix))
    .slice(0, limit)
    .map(({ position }) => position);

describe('prefixPages (log pages of one stream prefix)', () => {
  // Mostly case events, audit events now and then: 8 case streams, 3 audit streams, one 'auditor' stream that
  // shares the first characters, so a range that is a character too wide would let it in.
  const streamIds = Array.from({ length: 400 }, (_, index) => {
    if (index % 37 === 5) return `audit-access-2026-${(index % 3) + 1}`;
    if (index % 53 === 7) return 'auditor-x';
    return `case-${index % 8}`;
  });
  const db = logOf(streamIds);
  afterAll(() => db.close());
  const positions = (rows: { position: number | bigint }[]) => rows.map((row) => Number(row.position));

  describe.each([
    ['every prefix of this log is rare (found on the stream index)', 50_000],
    ['only prefixes of fewer than 20 events are rare (the case streams walk on)', 20],
  ])('%s', (_, rareBelow) => {
  it.each([
    ['a rare prefix past the walk window', 'audit-access-', 1, 4],
    ['a rare prefix from inside the log', 'audit-access-', 150, 3],
    ['a rare prefix, more than the rest of the log holds', 'audit-access-', 300, 50],
    ['a common prefix', 'case-', 1, 25],
    ['a common prefix near the end', 'case-', 390, 25],
    ['the stream that shares the first characters', 'auditor', 1, 10],
    ['a prefix no stream has', 'person-', 1, 10],
  ])('%s: exactly the matching events in log order', (_, prefix, from, limit) => {
    const page = prefixPages(db, 10, rareBelow);

    expect(positions(page(BigInt(from), prefix, limit))).toEqual(expected(streamIds, from, prefix, limit));
  });

  it('pages through a rare prefix to the end, each event once', () => {
    const page = prefixPages(db, 10, rareBelow);
    const seen: number[] = [];
    for (let from = 1n, rows = page(from, 'audit-', 2); rows.length > 0; rows = page(from, 'audit-', 2)) {
      seen.push(...positions(rows));
      from = BigInt(seen[seen.length - 1]) + 1n;
    }

    expect(seen).toEqual(expected(streamIds, 1, 'audit-', streamIds.length));
  });

  it('finds the case events after a run of audit events longer than the walk', () => {
    const gap = [...Array.from({ length: 30 }, (_, i) => `case-${i % 4}`), ...Array.from({ length: 40 }, () => 'audit-access-2026-11'), 'case-1', 'case-9'];
    const gapLog = logOf(gap);
    try {
      const page = prefixPages(gapLog, 10, rareBelow);

      expect(positions(page(25n, 'case-', 10))).toEqual(expected(gap, 25, 'case-', 10));
      expect(positions(page(31n, 'case-', 10))).toEqual([71, 72]);
    } finally {
      gapLog.close();
    }
  });
  });

  it('answers from a log whose streams were made by the schema (the stream index it names exists)', () => {
    const page = prefixPages(db, 1);

    expect(positions(page(1n, 'audit-access-2026-2', 100))).toEqual(expected(streamIds, 1, 'audit-access-2026-2', 100));
  });
});
