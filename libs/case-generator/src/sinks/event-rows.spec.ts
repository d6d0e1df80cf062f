import { chunked, type EventRow, packRows, unpackRows } from './event-rows';

describe('packed rows', () => {
  it('come back as they went, whatever the JSON holds', () => {
    const rows: EventRow[] = [
      {
        recordAt: 1735725600123,
        key: 64 * 12 + 1,
        streamId: 'case-01673a82-24e1-7bf5-9a72-3aed4b34f9e0',
        revision: 0,
        event: { eventId: 'e-1', type: 'PlanAgreed', dataJson: JSON.stringify({ goals: ['a\u0000b', 'é'] }), metadataJson: '{}' },
      },
      { recordAt: 1, key: 2, streamId: 's', revision: 41, event: { eventId: 'e-2', type: 'T', dataJson: 'null', metadataJson: '{"a":1}' } },
    ];
    expect(unpackRows(packRows(rows))).toEqual(rows);
    expect(unpackRows(packRows([]))).toEqual([]);
  });

  it('are grouped in chunks', () => {
    expect([...chunked([1, 2, 3, 4, 5], 2)]).toEqual([[1, 2], [3, 4], [5]]);
  });
});
