import { CaseProjection } from '@app/read-models';

/**
 * The case projection, dying in a rebuild in stream order as a killed process would: inside the transaction that
 * writes its `batch`-th batch (counted as the rebuild hands them over), after the batches before were written.
 */
export function caseProjectionDyingAt(batch: number): CaseProjection {
  const projection = new CaseProjection();
  const prepare = projection.prepareStreams.bind(projection);
  let batches = 0;
  projection.prepareStreams = (streams) => {
    const write = prepare(streams);
    const dies = (batches += 1) === batch;
    return async (trx) => {
      if (dies) throw new Error('killed');
      await write(trx);
    };
  };
  return projection;
}
