import type { StoredEvent } from '@app/event-store';
import { CaseProjection } from '@app/read-models';

/**
 * The case projection, whose fold fails on every stream holding a retraction: a worker thread constructs it
 * from this file (workerModule), so the failure happens there and must reach the rebuild's thread.
 */
export class CaseProjectionFailingOnRetractions extends CaseProjection {
  override readonly workerModule = { file: __filename, exportName: 'CaseProjectionFailingOnRetractions' };

  override rowsOfStreams(streams: readonly (readonly StoredEvent[])[]): ReturnType<CaseProjection['rowsOfStreams']> {
    if (streams.some((stream) => stream.some((event) => event.type === 'EntryRetracted'))) throw new Error('the fold failed');
    return super.rowsOfStreams(streams);
  }
}
