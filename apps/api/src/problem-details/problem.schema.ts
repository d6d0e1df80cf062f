import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, ApiResponse } from '@nestjs/swagger';

class FieldProblemSchema {
  @ApiProperty({ example: 'assignedOn' })
  field!: string;

  @ApiProperty({ example: 'isBusinessDate' })
  rule!: string;

  @ApiProperty({ example: 'assignedOn must be a calendar date written YYYY-MM-DD' })
  message!: string;
}

/** RFC 9457 problem details, as every refusal of this service is answered (application/problem+json). */
export class ProblemDetailsSchema {
  @ApiProperty({ example: 'https://rijnmond-cases.example/problems/validation-error' })
  type!: string;

  @ApiProperty({ example: 'The request is not valid' })
  title!: string;

  @ApiProperty({ example: 400 })
  status!: number;

  @ApiPropertyOptional()
  detail?: string;

  @ApiPropertyOptional({ example: '/cases/6f1c1d4e-8d0a-4f43-9c4e-2b0a3c9d7e11/plans' })
  instance?: string;

  @ApiPropertyOptional({ description: 'Stable domain rule code (422, some 404/409)', example: 'CASE.ENDED' })
  code?: string;

  @ApiPropertyOptional({ type: [FieldProblemSchema] })
  errors?: FieldProblemSchema[];

  @ApiPropertyOptional({ description: 'With version-conflict: the case version now', example: 4 })
  currentVersion?: number;
}

/** One documented refusal of a route: problem+json with the shared schema. */
export const problemResponse = (status: number, description: string) =>
  ApiResponse({ status, description, content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDetailsSchema' } } } });

/** The refusals every case command can give, for the OpenAPI document. */
export const CommandProblemResponses = () =>
  applyDecorators(
    problemResponse(400, 'Invalid body, path or header (validation-error, malformed-json, invalid-header)'),
    problemResponse(401, 'No valid bearer token'),
    problemResponse(403, 'Role or institution may not do this'),
    problemResponse(404, 'The case does not exist (CASE.NOT_FOUND)'),
    problemResponse(409, 'Stale If-Match (version-conflict, with currentVersion) or an id already recorded'),
    problemResponse(413, 'Body too large'),
    problemResponse(422, 'A case rule refuses the step (domain-rule, with code) or a reused Idempotency-Key'),
    problemResponse(503, 'The event store or identity provider does not answer'),
  );
