/** What the double has been asked, so tests can prove which RPCs the client really used. */
export interface DoubleStats {
  featureCalls: number;
  /** Streams/Append calls (one per append in that mode). */
  appendCalls: number;
  /** Appends completed through Streams/BatchAppend (one long-lived call carries many). */
  batchAppends: number;
  readCalls: number;
}

export const emptyStats = (): DoubleStats => ({ featureCalls: 0, appendCalls: 0, batchAppends: 0, readCalls: 0 });
