import type { Institution } from '@app/domain';
import type { Role } from '../../auth/actor';
import { ACCESS_STREAM_PREFIX, type CaseAccessedData } from '@app/read-models';

/**
 * The access log (issue 4, point 4): every read of case-level data appends one CaseAccessed event per case read
 * to an append-only audit stream of the event store; the event's contract lives with its read model
 * (@app/read-models, access-log/case-accessed.ts). Appends use 'any': nobody decides on an audit stream's
 * state, records are only ever added.
 */
export { ACCESS_STREAM_PREFIX, CASE_ACCESSED } from '@app/read-models';

export const accessStreamId = (accessedAt: Date): string => `${ACCESS_STREAM_PREFIX}${accessedAt.toISOString().slice(0, 7)}`;

/** The data of a CaseAccessed event, as the api writes it. */
export interface CaseAccessRecord extends CaseAccessedData {
  role: Role;
  institution: Institution | null;
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
