import type { LoggedEvent } from '../esdb-double/log';
import { eventResponse } from '../esdb-double/messages';
import { streamsPb } from '../esdb-double/protos';
import { encodeEventResponse } from '../esdb-double/wire';

/** The double's hand-encoded event responses are byte for byte what the generated serializer writes. */
describe('ESDB double wire encoding', () => {
  const utf8 = (text: string): Uint8Array => Uint8Array.from(Buffer.from(text, 'utf8'));
  const logged = (overrides: Partial<LoggedEvent> = {}): LoggedEvent => ({
    streamId: 'case-0b6f0b8e-51f4-4c3c-9d36-5e0f5d1b2a11',
    revision: 14,
    position: 4_294_967_296_123n,
    eventId: '5f1d7a5e-3a55-4c43-8d0e-5b4f3f0f8e21',
    type: 'Waitlisted',
    contentType: 'application/json',
    data: utf8(JSON.stringify({ caseId: 'x', note: 'é ü 漢' })),
    metadata: utf8(JSON.stringify({ userId: 'u-42' })),
    created: 17_322_912_000_000_000n,
    ...overrides,
  });
  const cases: Array<[string, LoggedEvent]> = [
    ['a typical event', logged()],
    ['revision 0, small position', logged({ revision: 0, position: 4096n })],
    ['empty data and metadata', logged({ data: new Uint8Array(), metadata: new Uint8Array() })],
    ['a long stream name and binary data', logged({ streamId: `s-${'ä'.repeat(300)}`, contentType: 'application/octet-stream', data: Uint8Array.from([0, 255, 128, 1]) })],
    ['an empty type', logged({ type: '' })],
  ];

  it.each(cases)('%s: the same bytes as serializeBinary, with and without known positions', (_name, event) => {
    for (const known of [true, false]) {
      const expected = Buffer.from(eventResponse(event, known).serializeBinary());
      expect(encodeEventResponse(event, known).equals(expected)).toBe(true);
    }
  });

  it('decodes with the client\'s generated classes', () => {
    const decoded = streamsPb.ReadResp.deserializeBinary(encodeEventResponse(logged()));
    const recorded = decoded.getEvent()?.getEvent();
    expect(recorded?.getId()?.getString()).toBe(logged().eventId);
    expect(recorded?.getMetadataMap().get('type')).toBe('Waitlisted');
    expect(decoded.getEvent()?.getCommitPosition()).toBe('4294967296123');
  });
});
