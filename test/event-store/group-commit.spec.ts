import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { DuplicateEventIdError, SqliteEventStore, WrongExpectedRevisionError } from '@app/event-store';
import { anEvent, collect, someEvents } from './helpers';

/**
 * Group commit (libs/event-store/src/sqlite/group-commit-writer.ts): appends made concurrently share one
 * transaction on the writer thread, yet each keeps its own revision check and its own result.
 */
describe('SqliteEventStore group commit', () => {
  let dir: string;
  let files = 0;
  const open: SqliteEventStore[] = [];
  const openStore = (file = join(dir, `store-${(files += 1)}.sqlite`)): SqliteEventStore => {
    const store = new SqliteEventStore(file);
    open.push(store);
    return store;
  };

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'group-commit-'));
  });
  afterEach(async () => {
    await Promise.all(open.splice(0).map((store) => store.close()));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('concurrent appends share commits; a conflict in the group gets its error, the others land exactly once', async () => {
    const store = openStore();
    const streams = Array.from({ length: 20 }, (_, i) => `case-${i}`);
    const first = streams.map((stream) => store.appendToStream(stream, someEvents(2), 'no_stream'));
    // In the same group as the appends above: case-3 exists by the time this one is checked.
    const conflicting = store.appendToStream('case-3', [anEvent()], 'no_stream');
    // And one that builds on the first append of case-5 within the group.
    const following = store.appendToStream('case-5', [anEvent('Next')], 1);

    const results = await Promise.all(first);
    await expect(conflicting).rejects.toEqual(expect.any(WrongExpectedRevisionError));
    await expect(conflicting).rejects.toMatchObject({ streamId: 'case-3', expected: 'no_stream', actual: 1 });
    await expect(following).resolves.toMatchObject({ nextExpectedRevision: 2 });

    expect(results.every((result) => result.nextExpectedRevision === 1)).toBe(true);
    const positions = results.map((result) => result.position);
    expect(new Set(positions).size).toBe(positions.length);
    expect(store.groupCommits).toBeLessThan(first.length);

    for (const stream of streams) {
      const events = await store.readStream(stream);
      expect(events.map((e) => e.revision)).toEqual(stream === 'case-5' ? [0, 1, 2] : [0, 1]);
    }
    expect(await collect(store.readAll())).toHaveLength(streams.length * 2 + 1);
  });

  it('a duplicate event id refuses only its own append, also when the id comes from an append of the same group', async () => {
    const store = openStore();
    const shared = anEvent();
    const owner = store.appendToStream('case-a', [shared], 'no_stream');
    const copy = store.appendToStream('case-b', [anEvent(), { ...shared }], 'no_stream');
    const bystander = store.appendToStream('case-c', [anEvent()], 'no_stream');

    await expect(owner).resolves.toMatchObject({ nextExpectedRevision: 0 });
    await expect(copy).rejects.toEqual(expect.any(DuplicateEventIdError));
    await expect(copy).rejects.toMatchObject({ eventIds: [shared.eventId] });
    await expect(bystander).resolves.toMatchObject({ nextExpectedRevision: 0 });
    expect(await store.readStream('case-b')).toEqual([]); // all or nothing per append
  });

  it('an unexpected SQLite error rejects its append with the error and its code, alone and in a group; nothing of it lands', async () => {
    const file = join(dir, `store-${(files += 1)}.sqlite`);
    const store = openStore(file);
    await store.appendToStream('case-setup', [anEvent()], 'no_stream'); // the schema exists
    // A trigger stands in for a failure of SQLite's own (the writer thread's connection sees the schema).
    const raw = new Database(file);
    raw.exec("CREATE TRIGGER refuse_boom BEFORE INSERT ON events WHEN NEW.type = 'Boom' BEGIN SELECT RAISE(ABORT, 'boom refused'); END");
    raw.close();

    const alone = store.appendToStream('case-x', [anEvent('Boom')], 'no_stream');
    await expect(alone).rejects.toMatchObject({ message: 'boom refused', code: 'SQLITE_CONSTRAINT_TRIGGER' });

    const group = [store.appendToStream('case-y', [anEvent()], 'no_stream'), store.appendToStream('case-z', [anEvent(), anEvent('Boom')], 'no_stream'), store.appendToStream('case-w', [anEvent()], 'no_stream')];
    const [before, failed, after] = await Promise.allSettled(group);
    expect(failed).toMatchObject({ status: 'rejected', reason: { message: 'boom refused', code: 'SQLITE_CONSTRAINT_TRIGGER' } });
    expect([before.status, after.status]).toEqual(['fulfilled', 'fulfilled']);
    expect(await store.readStream('case-x')).toEqual([]);
    expect(await store.readStream('case-z')).toEqual([]);
    expect((await store.readStream('case-w')).length).toBe(1);
  });

  it('checks revisions against a second connection on the same file (another process) as before', async () => {
    const file = join(dir, 'shared.sqlite');
    const one = openStore(file);
    const two = openStore(file);
    await one.appendToStream('case-x', [anEvent()], 'no_stream');
    await expect(two.appendToStream('case-x', [anEvent()], 'no_stream')).rejects.toMatchObject({ actual: 0 });
    await expect(two.appendToStream('case-x', [anEvent()], 0)).resolves.toMatchObject({ nextExpectedRevision: 1 });
    await expect(one.appendToStream('case-x', [anEvent()], 0)).rejects.toMatchObject({ actual: 1 });
  });

  it('close lets the appends in flight finish, and refuses appends after it', async () => {
    const file = join(dir, 'closing.sqlite');
    const store = new SqliteEventStore(file);
    const inFlight = Array.from({ length: 5 }, (_, i) => store.appendToStream(`case-${i}`, [anEvent()], 'no_stream'));
    await store.close();
    await expect(Promise.all(inFlight)).resolves.toHaveLength(5);
    await expect(store.appendToStream('case-9', [anEvent()], 'no_stream')).rejects.toThrow();

    const reopened = openStore(file);
    expect(await collect(reopened.readAll())).toHaveLength(5);
  });

  it("':memory:' and appendOn 'inline' append on the caller's thread", async () => {
    const memory = new SqliteEventStore(':memory:');
    open.push(memory);
    expect(memory.groupCommits).toBeUndefined();
    const inline = new SqliteEventStore(join(dir, 'inline.sqlite'), { appendOn: 'inline' });
    open.push(inline);
    await inline.appendToStream('case-1', [anEvent()], 'no_stream');
    expect(inline.groupCommits).toBeUndefined();
  });
});
