/**
 * The access log's event, as the api appends it and the access-records read model reads it (issue 4, point 4):
 * every read of case-level data appends one CaseAccessed per case read to an audit stream of the event store.
 *
 * Streams are named `audit-access-<yyyy-mm>` (UTC month of accessedAt): one stream per month keeps each stream
 * bounded, and the `audit-` prefix keeps them apart from the `case-` streams, so the case projections, the
 * rebuild, the projection status and the case-chain verification (all filtering on `case-`) never see them.
 */
export const ACCESS_STREAM_PREFIX = 'audit-access-';
export const CASE_ACCESSED = 'CaseAccessed';
/** A read of a person's identity in the vault: in the same streams, not in access_records (it names no case). */
export const PERSON_ACCESSED = 'PersonAccessed';

/** The data of a CaseAccessed event. */
export interface CaseAccessedData {
  /** Who read: the token's subject. */
  sub: string;
  role: string;
  /** The reader's institution (protectors), null for roles without one. */
  institution: string | null;
  caseId: string;
  /** The institution the case belongs to when read: lets a protector see who read their institution's cases. */
  caseInstitution: string | null;
  /** Route template, e.g. `GET /cases/{caseId}`. */
  route: string;
  /** The X-Access-Reason header, validated; null when none was sent. */
  reason: string | null;
  /** Server clock, ISO 8601 UTC (toISOString), so that it sorts as text. */
  accessedAt: string;
  requestId: string;
  correlationId: string;
}
