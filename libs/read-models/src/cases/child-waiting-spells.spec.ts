import { casesWithWaitingChanges, mergeWaitingSpells, type WaitingSegment } from './child-waiting-spells';

const segment = (from: string, until: string | null, flags: Partial<WaitingSegment> = {}): WaitingSegment => ({
  child_ref: 'CHILD-1',
  valid_from: from,
  valid_until: until,
  waiting_for_help: 1,
  waiting_for_protector: 0,
  help_waitlist_entry_id: null,
  ...flags,
});

describe('mergeWaitingSpells', () => {
  it('merges overlapping and touching segments of two measures into one spell, and keeps a gap apart', () => {
    const spells = mergeWaitingSpells('CHILD-1', [
      segment('2024-03-01', '2024-04-01'),
      segment('2024-01-01', '2024-02-01'),
      segment('2024-02-01', '2024-02-15'), // touches the first: the child waits without a break
      segment('2024-01-20', '2024-03-10'), // a second measure, overlapping both
    ]);
    expect(spells).toEqual([{ child_ref: 'CHILD-1', kind: 'help', valid_from: '2024-01-01', valid_until: '2024-04-01' }]);
    const apart = mergeWaitingSpells('CHILD-1', [segment('2024-01-01', '2024-02-01'), segment('2024-02-02', '2024-03-01')]);
    expect(apart.map((s) => [s.valid_from, s.valid_until])).toEqual([
      ['2024-01-01', '2024-02-01'],
      ['2024-02-02', '2024-03-01'],
    ]);
  });

  it('lets an open-ended segment swallow every later one', () => {
    const spells = mergeWaitingSpells('CHILD-1', [segment('2024-01-01', null), segment('2024-05-01', '2024-06-01'), segment('2023-12-01', '2024-01-01')]);
    expect(spells).toEqual([{ child_ref: 'CHILD-1', kind: 'help', valid_from: '2023-12-01', valid_until: null }]);
  });

  it('keeps the kinds apart: on a help waiting list only with an entry, a protector wait on its own', () => {
    const spells = mergeWaitingSpells('CHILD-1', [
      segment('2024-01-01', '2024-02-01', { help_waitlist_entry_id: 'entry-1' }),
      segment('2024-02-01', '2024-03-01'),
      segment('2024-01-10', '2024-01-20', { waiting_for_help: 0, waiting_for_protector: '1' }),
    ]);
    expect(spells.map((s) => [s.kind, s.valid_from, s.valid_until])).toEqual([
      ['help', '2024-01-01', '2024-03-01'],
      ['listed', '2024-01-01', '2024-02-01'],
      ['protector', '2024-01-10', '2024-01-20'],
    ]);
  });
});

describe('casesWithWaitingChanges', () => {
  const row = (caseId: string, flags: { active?: number; help?: number; protector?: number } = {}) => ({
    case_id: caseId,
    valid_from: '2024-01-01',
    valid_until: null as string | null,
    measure_active: flags.active ?? 1,
    waiting_for_help: flags.help ?? 0,
    waiting_for_protector: flags.protector ?? 0,
    help_waitlist_entry_id: null,
    protector_ref: 'p-1',
  });

  it('names the cases whose waiting segments came, went or moved, and none whose change cannot move a spell', () => {
    const cases = casesWithWaitingChanges({
      deleted: [row('gone-waiting', { help: 1 }), row('gone-quiet')],
      inserted: [row('new-waiting', { protector: 1 }), row('new-inactive', { active: 0, help: 1 })],
      updated: [
        { row: { ...row('ended', { help: 1 }), valid_until: '2024-02-01' }, old: row('ended', { help: 1 }), changed: ['valid_until'] },
        { row: row('stopped-waiting'), old: row('stopped-waiting', { help: 1 }), changed: ['waiting_for_help'] },
        { row: { ...row('verdict-only', { help: 1 }), protector_ref: 'p-2' }, old: row('verdict-only', { help: 1 }), changed: ['protector_ref'] },
        { row: { ...row('never-waits'), valid_until: '2024-02-01' }, old: row('never-waits'), changed: ['valid_until'] },
      ],
    });
    expect([...cases].sort()).toEqual(['ended', 'gone-waiting', 'new-waiting', 'stopped-waiting']);
  });
});
