/**
 * RFC 9457 problem details. Every refusal of the service is one of these, with a stable `type` clients can
 * switch on; domain refusals also carry the domain's stable `code`.
 */
export interface FieldProblem {
  /** Path of the offending field in the request body, e.g. `participants` or `data.assignedOn`. */
  field: string;
  /** The rule it broke, e.g. `isBusinessDate`, `whitelist`, `CASE.ENDED`. */
  rule: string;
  message: string;
}

export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  code?: string;
  errors?: FieldProblem[];
  [extension: string]: unknown;
}

const PROBLEM_BASE = 'https://rijnmond-cases.example/problems/';

/** The stable problem types, by slug. */
export const PROBLEM_TYPES = {
  'validation-error': { status: 400, title: 'The request is not valid' },
  'malformed-json': { status: 400, title: 'The request body is not valid JSON' },
  'invalid-header': { status: 400, title: 'A request header is not valid' },
  unauthorized: { status: 401, title: 'Authentication required' },
  forbidden: { status: 403, title: 'Not allowed' },
  'not-found': { status: 404, title: 'Not found' },
  gone: { status: 410, title: 'Gone: the data was destroyed' },
  'method-not-allowed': { status: 405, title: 'Method not allowed' },
  'version-conflict': { status: 409, title: 'The case has changed since the version you name' },
  'already-exists': { status: 409, title: 'Something with this id is recorded already' },
  'payload-too-large': { status: 413, title: 'The request body is too large' },
  'unsupported-media-type': { status: 415, title: 'The request body must be application/json' },
  'domain-rule': { status: 422, title: 'A case rule refuses this step' },
  'idempotency-key-reused': { status: 422, title: 'The Idempotency-Key was used for a different request' },
  'service-unavailable': { status: 503, title: 'The service cannot answer right now' },
  'read-models-behind': { status: 503, title: 'The read models have not caught up with the position asked for' },
  'internal-error': { status: 500, title: 'Internal error' },
} as const;

export type ProblemType = keyof typeof PROBLEM_TYPES;

export function problem(type: ProblemType, extra: Partial<ProblemDetails> = {}): ProblemDetails {
  const { status, title } = PROBLEM_TYPES[type];
  return { type: PROBLEM_BASE + type, title, status, ...extra };
}

/** Thrown anywhere in the shell to answer with a given problem. */
export class ProblemException extends Error {
  constructor(readonly problem: ProblemDetails) {
    super(problem.detail ?? problem.title);
    this.name = 'ProblemException';
  }

  static of(type: ProblemType, extra: Partial<ProblemDetails> = {}): ProblemException {
    return new ProblemException(problem(type, extra));
  }
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';
