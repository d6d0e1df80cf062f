import type { CaseCommand } from './case-commands';
import { given } from './testing/decider-spec';
import { measureImposed, waitlisted, waitlistLeft, withId } from './testing/case-fixtures';

const place = (o: Parameters<typeof waitlisted>[0] = {}): CaseCommand => ({ type: 'PlaceOnWaitlist', data: waitlisted(o).data });
const leave = (o: Parameters<typeof waitlistLeft>[0] = {}): CaseCommand => ({ type: 'LeaveWaitlist', data: waitlistLeft(o).data });

describe('PlaceOnWaitlist', () => {
  it('records Waitlisted and opens the entry', () => {
    const state = given(measureImposed()).when(place()).then(waitlisted());
    expect(state.waitlist['wait-1']).toMatchObject({ entryId: 'wait-1', waitingFor: 'HELP', since: '2021-04-15', open: true });
  });

  it('accepts a wait that began before the measure', () => {
    given(measureImposed()).when(place({ since: '2020-12-01' })).then(waitlisted({ since: '2020-12-01' }));
  });

  it('refuses an entry id that already exists, open or closed', () => {
    given(measureImposed(), waitlisted()).when(place({ since: '2021-05-01' })).thenRefused('WAITLIST.DUPLICATE_ENTRY', 'entryId');
    given(measureImposed(), waitlisted(), waitlistLeft())
      .when(place({ since: '2021-07-01' }))
      .thenRefused('WAITLIST.DUPLICATE_ENTRY', 'entryId');
  });

  it('treats an entry id named like an Object.prototype member as new', () => {
    given(measureImposed()).when(place({ entryId: 'constructor' })).then(waitlisted({ entryId: 'constructor' }));
  });

  it('refuses a wait that begins after today', () => {
    given(measureImposed()).when(place({ since: '2021-09-02' })).thenRefused('STEP.DATE_IN_FUTURE', 'since');
  });
});

describe('LeaveWaitlist', () => {
  it('records WaitlistLeft and closes the entry', () => {
    const state = given(measureImposed(), waitlisted()).when(leave()).then(waitlistLeft());
    expect(state.waitlist['wait-1']).toMatchObject({ open: false, leftOn: '2021-06-20', outcome: 'HELP_STARTED' });
  });

  it('accepts leaving on the day the wait began', () => {
    given(measureImposed(), waitlisted()).when(leave({ leftOn: '2021-04-15' })).then(waitlistLeft({ leftOn: '2021-04-15' }));
  });

  it('refuses an unknown entry', () => {
    given(measureImposed(), waitlisted()).when(leave({ entryId: 'wait-9' })).thenRefused('WAITLIST.UNKNOWN_ENTRY', 'entryId');
  });

  it('refuses an entry whose Waitlisted was retracted', () => {
    given(
      measureImposed(),
      withId('evt-wait', waitlisted()),
      { type: 'EntryRetracted', data: { retractsEventId: 'evt-wait', reason: 'entered on the wrong case' } },
    )
      .when(leave())
      .thenRefused('WAITLIST.UNKNOWN_ENTRY', 'entryId');
  });

  it('refuses an entry already left', () => {
    given(measureImposed(), waitlisted(), waitlistLeft())
      .when(leave({ leftOn: '2021-07-01', outcome: 'CANCELLED' }))
      .thenRefused('WAITLIST.ENTRY_CLOSED', 'entryId');
  });

  it('refuses leaving before the wait began', () => {
    given(measureImposed(), waitlisted()).when(leave({ leftOn: '2021-04-14' })).thenRefused('WAITLIST.LEFT_BEFORE_ENTRY', 'leftOn');
  });

  it('refuses leaving after today', () => {
    given(measureImposed(), waitlisted()).when(leave({ leftOn: '2021-09-02' })).thenRefused('STEP.DATE_IN_FUTURE', 'leftOn');
  });
});
