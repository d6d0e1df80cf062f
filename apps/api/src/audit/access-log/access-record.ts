import type { Institution } from '@app/domain';
import type { Role } from '../../auth/actor';

/**
 * The access log (issue 4, point 4): every read of case-level data appends one CaseAccessed event per case read
 * to an append-only audit stream in the event store.
 *
 * Streams are named `audit-access-<yyyy-mm>` (UTC month of accessedAt): one stream per month keeps each stream
 * bounded, and the `audit-` prefix keeps them apart from the `case-` streams, so the projection runner, the
 * rebuild, the projection status and the case-chain verification (all filtering on `case-`) never see them.
 * Appends use 'any': nobody decides on an audit stream's state, records are only ever added.
 */
export const ACCESS_STREAM_PREFIX = 'audit-access-';
export const CASE_ACCESSED = 'CaseAccessed';

export const accessStreamId = (accessedAt: Date): string => `${ACCESS_STREAM_PREFIX}${accessedAt.toISOString().slice(0, 7)}`;

/** The data of a CaseAccessed event. */
export interface CaseAccessRecord {
  /** Who read: the token's subject. */
  sub: string;
  role: Role;
  /** The reader's institution (protectors), null for roles without one. */
  institution: Institution | null;
  caseId: string;
  /** The institution the case belongs to when read: lets a protector see who read their institution's cases. */
  caseInstitution: string | null;
  /** Route template, e.g. `GET /cases/{caseId}`. */
  route: string;
  /** The X-Access-Reason header, validated; null when none was sent. */
  reason: string | null;
  /** Server clock, ISO 8601. */
  accessedAt: string;
  requestId: string;
  correlationId: string;
}

/** What the HTTP layer knows about a read before it happens (see AccessCtx). */
export interface AccessContext {
  sub: string;
  role: Role;
  institution: Institution | null;
  route: string;
  reason: string | null;
  requestId: string;
  correlationId: string;
}

/** One case that was read, and whose it is. */
export interface CaseRead {
  caseId: string;
  caseInstitution: string | null | undefined;
}
