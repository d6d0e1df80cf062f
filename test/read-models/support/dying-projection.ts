import { CaseProjection } from '@app/read-models';

/**
 * The case projection, dying in a rebuild in stream order as a killed process would: inside the transaction that
 * writes its `batch`-th batch, after the batches before were written (a transaction retried after a transient
 * error counts again).
 */
export function caseProjectionDyingAt(batch: number): CaseProjection {
  const projection = new CaseProjection();
  const writeRows = projection.writeRows.bind(projection);
  let batches = 0;
  projection.writeRows = async (trx, rows) => {
    if ((batches += 1) === batch) throw new Error('killed');
    await writeRows(trx, rows);
  };
  return projection;
}
