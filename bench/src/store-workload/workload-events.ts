import { randomUUID } from 'node:crypto';
import type { EventToAppend } from '@app/event-store';
import { addDays } from '@app/domain';
import { DATA_BYTES, METADATA_BYTES, WORKLOAD_EVENT_TYPES } from './shape';

/**
 * The note's events: data of exactly 250 bytes of JSON and metadata of exactly 300, whatever the stream. Every
 * variable field has a fixed width (uuids, 7 digits, ISO dates and instants), so one padding length per shape
 * fits all events; it is computed from a sample rather than counted by hand, and the workloads check the first
 * event of every stream.
 */

export interface WorkloadStream {
  streamId: string;
  uuid: string;
  /** 0-based number of the stream in its workload: the 7 digits of childRef and familyRef. */
  serial: number;
}

export const newWorkloadStream = (serial: number): WorkloadStream => {
  const uuid = randomUUID();
  return { streamId: `case-${uuid}`, uuid, serial };
};

const digits7 = (serial: number): string => String(serial % 10_000_000).padStart(7, '0');
const hex = (bytes: number): string => randomUUID().replace(/-/g, '').repeat(2).slice(0, bytes * 2);

function dataOf(stream: WorkloadStream, i: number, padding: string): Record<string, string> {
  return {
    caseId: stream.uuid,
    childRef: `CHILD-${digits7(stream.serial)}`,
    familyRef: `FAM-${digits7(stream.serial)}`,
    municipalityCode: 'GM0599',
    institution: 'JBRR',
    measureType: 'OTS',
    date: addDays('2024-01-01', i),
    step: String(i + 1).padStart(2, '0'),
    padding,
  };
}

function metadataOf(padding: string): Record<string, string> {
  return {
    correlationId: randomUUID(),
    causationId: randomUUID(),
    userId: 'u-42',
    tenant: 'rijnmond',
    source: 'bench',
    recordedAt: new Date().toISOString(),
    traceparent: `00-${hex(16)}-${hex(8)}-01`,
    padding,
  };
}

const bytes = (value: unknown): number => Buffer.byteLength(JSON.stringify(value));
const paddingFor = (target: number, unpadded: number): string => {
  if (unpadded > target) throw new Error(`workload event already ${unpadded} bytes before padding, target ${target}`);
  return 'x'.repeat(target - unpadded);
};

const sample = newWorkloadStream(0);
const DATA_PADDING = paddingFor(DATA_BYTES, bytes(dataOf(sample, 0, '')));
const METADATA_PADDING = paddingFor(METADATA_BYTES, bytes(metadataOf('')));

/** Event number i (0-based) of a stream. */
export function workloadEvent(stream: WorkloadStream, i: number): EventToAppend {
  return {
    eventId: randomUUID(),
    type: WORKLOAD_EVENT_TYPES[i % WORKLOAD_EVENT_TYPES.length],
    data: dataOf(stream, i, DATA_PADDING),
    metadata: metadataOf(METADATA_PADDING),
  };
}

/** Throws unless the event serializes to the note's sizes (run on a sample of each workload's events). */
export function assertWorkloadSizes(event: EventToAppend): void {
  const sizes = { data: bytes(event.data), metadata: bytes(event.metadata) };
  if (sizes.data !== DATA_BYTES || sizes.metadata !== METADATA_BYTES) {
    throw new Error(`workload event sizes ${JSON.stringify(sizes)}, expected data ${DATA_BYTES}, metadata ${METADATA_BYTES}`);
  }
}
