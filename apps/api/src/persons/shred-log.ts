import { randomUUID } from 'node:crypto';
import type { EventStore, EventToAppend } from '@app/event-store';
import type { Actor } from '../auth/actor';

/**
 * The record of every crypto-shredding, in the event store (the system of record, which is never rolled back):
 * one PersonShredded per DELETE /persons/{ref}, sealed and chained like the access log. The vault replays it when
 * it starts, so a key store restored from an older backup loses again every key shredded since that backup.
 */
export const SHRED_STREAM = 'audit-vault-shreds';
export const PERSON_SHREDDED = 'PersonShredded';

export interface PersonShreddedRecord {
  ref: string;
  shreddedAt: string;
  /** The admin's token subject. */
  by: string;
}

export function personShreddedEvent(ref: string, shreddedAt: string, actor: Actor): EventToAppend {
  const eventId = randomUUID();
  const data: PersonShreddedRecord = { ref, shreddedAt, by: actor.sub };
  return {
    eventId,
    type: PERSON_SHREDDED,
    data,
    metadata: { eventId, schemaVersion: 1, recordedAt: shreddedAt, actor: { sub: actor.sub, role: actor.role }, correlationId: eventId, causationId: eventId },
  };
}

export async function shreddedRefs(store: EventStore): Promise<PersonShreddedRecord[]> {
  return (await store.readStream(SHRED_STREAM)).filter((event) => event.type === PERSON_SHREDDED).map((event) => event.data as PersonShreddedRecord);
}
