import type { Kysely } from 'kysely';
import { foldCase, type RecordedCaseEvent } from '@app/domain';
import {
  guardianAssigned,
  measureEnded,
  measureExtended,
  measureImposed,
  planAgreed,
  waitlisted,
  waitlistLeft,
  deadlineAdvanced,
} from '@app/domain/case/testing/case-fixtures';
import { caseStreamId } from '@app/event-store';
import type { ReadModelDatabase, ReadModelSchema } from '@app/read-models';
import { CaseLog } from './support/case-log';
import { describeOnReadModelDatabases } from './support/read-model-databases';
import { Runners } from './support/runners';

/** Feeds real case events through the runner and reads the rows back: one test per kind of step. */
describeOnReadModelDatabases('case read models', (databases) => {
  const runners = new Runners();
  let log: CaseLog;
  let database: ReadModelDatabase;
  let db: Kysely<ReadModelSchema>;

  beforeEach(async () => {
    log = new CaseLog();
    database = await databases.openFresh();
    db = database.db;
  });
  afterEach(async () => {
    await runners.stopAll();
    await log.close();
  });

  const project = () => runners.runToEnd(log, database);
  const summaryOf = (caseId: string) =>
    db.selectFrom('case_summaries').selectAll().where('case_id', '=', caseId).executeTakeFirstOrThrow();
  const waitlistOf = (caseId: string) =>
    db.selectFrom('case_waitlist_entries').selectAll().where('case_id', '=', caseId).orderBy('since').execute();
  const registrationOf = (eventId: string) =>
    db.selectFrom('step_registrations').selectAll().where('event_id', '=', eventId).executeTakeFirstOrThrow();

  it('MeasureImposed creates the case row: measure, parties, dates, version, position and first recording', async () => {
    const imposed = await log.record('c1', measureImposed(), { recordedAt: '2021-03-02T09:15:00.000Z' });
    await project();
    expect(await summaryOf('c1')).toMatchObject({
      institution: 'JBRR',
      municipality_code: 'GM0599',
      measure_type: 'OTS',
      child_ref: 'child-7f3a',
      family_ref: 'family-2c91',
      current_protector_ref: null,
      pronounced_on: '2021-03-01',
      gi_notified_on: '2021-03-03',
      ends_on: '2022-03-01',
      ended_on: null,
      end_reason: null,
      last_step_on: '2021-03-01',
      version: 1,
      recorded_first_at: '2021-03-02T09:15:00.000Z',
    });
    expect(BigInt((await summaryOf('c1')).last_position)).toBe(imposed.position);
  });

  it('GuardianAssigned sets the current protector; a late-recorded older handover does not displace them', async () => {
    await log.record('c1', measureImposed());
    await log.record('c1', guardianAssigned({ protectorRef: 'p-new', assignedOn: '2021-04-01', reason: 'INITIAL' }));
    await log.record('c1', guardianAssigned({ protectorRef: 'p-old', assignedOn: '2021-03-20', reason: 'TURNOVER' }));
    await project();
    expect(await summaryOf('c1')).toMatchObject({ current_protector_ref: 'p-new', version: 3, last_step_on: '2021-04-01' });
  });

  it('Waitlisted opens an entry and WaitlistLeft closes it, per entry id', async () => {
    await log.record('c1', measureImposed());
    const placed = await log.record('c1', waitlisted({ entryId: 'w-1', since: '2021-04-15' }));
    await log.record('c1', waitlisted({ entryId: 'w-2', since: '2021-05-01', waitingFor: 'PROTECTOR', helpType: undefined, provider: undefined, reason: undefined }));
    await log.record('c1', waitlistLeft({ entryId: 'w-1', leftOn: '2021-06-20', outcome: 'HELP_STARTED' }));
    await project();
    expect(await waitlistOf('c1')).toEqual([
      {
        case_id: 'c1', placed_by_event_id: placed.eventId, entry_id: 'w-1', waiting_for: 'HELP', since: '2021-04-15',
        left_on: '2021-06-20', outcome: 'HELP_STARTED', help_type: 'B_OPNAME', provider: 'provider-9d04', reason: 'CAPACITY', retracted: 0,
      },
      expect.objectContaining({ entry_id: 'w-2', waiting_for: 'PROTECTOR', left_on: null, outcome: null, help_type: null, retracted: 0 }),
    ]);
  });

  it('EntryCorrected rewrites the rows from the corrected data: waitlist, summary and registration lag', async () => {
    await log.record('c1', measureImposed());
    const assigned = await log.record('c1', guardianAssigned({ protectorRef: 'p-1', assignedOn: '2021-03-05' }), {
      recordedAt: '2021-03-30T10:00:00.000Z',
    });
    const placed = await log.record('c1', waitlisted({ entryId: 'w-1', since: '2021-04-15' }));
    await log.record('c1', { type: 'EntryCorrected', data: { correctsEventId: placed.eventId, reason: 'date', data: waitlisted({ entryId: 'w-1', since: '2021-04-10' }).data } });
    await log.record('c1', { type: 'EntryCorrected', data: { correctsEventId: assigned.eventId, reason: 'who and when', data: guardianAssigned({ protectorRef: 'p-2', assignedOn: '2021-03-08' }).data } });
    await project();
    expect(await waitlistOf('c1')).toEqual([expect.objectContaining({ entry_id: 'w-1', since: '2021-04-10', retracted: 0 })]);
    expect(await summaryOf('c1')).toMatchObject({ current_protector_ref: 'p-2', version: 5 });
    expect(await registrationOf(assigned.eventId)).toMatchObject({
      happened_on: '2021-03-08',
      recorded_at: '2021-03-30T10:00:00.000Z',
      lag_days: 22,
      retracted: 0,
    });
  });

  it('EntryRetracted flags the row: a retracted WaitlistLeft reopens the entry, a retracted Waitlisted stays as retracted', async () => {
    await log.record('c1', measureImposed());
    await log.record('c1', waitlisted({ entryId: 'w-1' }));
    const left = await log.record('c1', waitlistLeft({ entryId: 'w-1' }));
    const wrong = await log.record('c1', waitlisted({ entryId: 'w-2', since: '2021-05-01' }));
    await log.record('c1', { type: 'EntryRetracted', data: { retractsEventId: left.eventId, reason: 'not yet' } });
    await log.record('c1', { type: 'EntryRetracted', data: { retractsEventId: wrong.eventId, reason: 'wrong child' } });
    await project();
    expect(await waitlistOf('c1')).toEqual([
      expect.objectContaining({ entry_id: 'w-1', left_on: null, outcome: null, retracted: 0 }),
      expect.objectContaining({ entry_id: 'w-2', left_on: null, retracted: 1 }),
    ]);
    expect(await registrationOf(left.eventId)).toMatchObject({ step_type: 'WaitlistLeft', retracted: 1 });
  });

  it('MeasureExtended moves ends_on; MeasureEnded sets ended_on and end_reason, cleared again by its retraction', async () => {
    await log.record('c1', measureImposed());
    await log.record('c1', measureExtended({ extendedOn: '2021-08-20', newEndsOn: '2023-03-01' }));
    const ended = await log.record('c1', measureEnded({ endedOn: '2021-08-25', reason: 'OTS_LIFTED_EARLY' }));
    await project();
    expect(await summaryOf('c1')).toMatchObject({ ends_on: '2023-03-01', ended_on: '2021-08-25', end_reason: 'OTS_LIFTED_EARLY', last_step_on: '2021-08-25' });

    await log.record('c1', { type: 'EntryRetracted', data: { retractsEventId: ended.eventId, reason: 'appeal' } });
    await project();
    expect(await summaryOf('c1')).toMatchObject({ ended_on: null, end_reason: null, last_step_on: '2021-08-20', version: 4 });
  });

  it('registers every step with its business date and the lag to its recording date in Amsterdam', async () => {
    // A measure is registered from the day the GI was notified of it (court delays are not registration lag).
    const imposed = await log.record('c1', measureImposed({ institution: 'WSS' }), { recordedAt: '2021-03-03T12:00:00.000Z' });
    // 23:30 UTC on 5 March is already 6 March in Amsterdam (CET, UTC+1).
    const assigned = await log.record('c1', guardianAssigned({ assignedOn: '2021-03-05' }), { recordedAt: '2021-03-05T23:30:00.000Z' });
    const advanced = await log.record('c1', deadlineAdvanced());
    const plan = await log.record('c1', planAgreed({ agreedOn: '2021-04-01' }), { recordedAt: '2021-05-01T08:00:00.000Z' });
    await project();
    expect(await registrationOf(imposed.eventId)).toMatchObject({ case_id: 'c1', institution: 'WSS', step_type: 'MeasureImposed', happened_on: '2021-03-03', lag_days: 0 });
    expect(await registrationOf(assigned.eventId)).toMatchObject({ step_type: 'GuardianAssigned', happened_on: '2021-03-05', lag_days: 1 });
    expect(await registrationOf(advanced.eventId)).toMatchObject({ step_type: 'DeadlineAdvanced', happened_on: null, lag_days: null });
    expect(await registrationOf(plan.eventId)).toMatchObject({ institution: 'WSS', happened_on: '2021-04-01', lag_days: 30 });
    const count = await db.selectFrom('step_registrations').select((eb) => eb.fn.countAll<string | number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(4);
  });

  it('keeps the domain fold of the stream in state_json, one row per case stream', async () => {
    await log.record('c1', measureImposed());
    await log.record('c2', measureImposed({ caseId: 'c2', childRef: 'child-2', institution: 'LJR' }));
    const placed = await log.record('c1', waitlisted());
    await log.record('c1', { type: 'EntryCorrected', data: { correctsEventId: placed.eventId, reason: 'x', data: waitlisted({ since: '2021-04-01' }).data } });
    await project();
    const events = (await log.store.readStream(caseStreamId('c1'))).map(
      (e) => ({ type: e.type, data: e.data, eventId: e.eventId }) as RecordedCaseEvent,
    );
    expect(JSON.parse((await summaryOf('c1')).state_json)).toEqual(JSON.parse(JSON.stringify(foldCase(events))));
    expect(await summaryOf('c2')).toMatchObject({ institution: 'LJR', child_ref: 'child-2', version: 1 });
  });
});
