import { ApiProperty } from '@nestjs/swagger';

/** The OpenAPI shapes of GET /cases/{caseId}/verify and /export; the types they describe live beside the code. */

const HASH = { type: String, pattern: '^[0-9a-f]{64}$' } as const;

export class BrokenLinkView {
  @ApiProperty({ format: 'uuid' }) eventId!: string;
  @ApiProperty({ description: 'Revision in the case stream, from 0' }) revision!: number;
  @ApiProperty({ description: 'Global log position (opaque, ordered), as a string' }) position!: string;
  @ApiProperty({
    enum: ['HASH_MISMATCH', 'PREVIOUS_MISMATCH', 'MISSING_HASH'],
    description:
      'HASH_MISMATCH: the event was changed after it was appended; PREVIOUS_MISMATCH: it does not link to the event ' +
      'before it (an event was removed, inserted or re-sealed before it); MISSING_HASH: it carries no seal',
  })
  reason!: string;
}

export class CaseVerificationView {
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty({ description: 'The whole chain holds: every event hashes to its seal and links to the one before it' })
  ok!: boolean;
  @ApiProperty({ description: 'Number of events in the case stream' }) events!: number;
  @ApiProperty({ type: BrokenLinkView, nullable: true, description: 'The first event at which the chain breaks; null when ok' })
  firstBroken!: BrokenLinkView | null;
  @ApiProperty({ ...HASH, nullable: true, description: 'The hash the chain ends in (null when broken); keep it to compare later' })
  head!: string | null;
}

export class ExportedEventView {
  @ApiProperty({ description: 'Global log position, as a string (not sealed: the store assigns it at commit)' }) position!: string;
  @ApiProperty() revision!: number;
  @ApiProperty({ format: 'uuid' }) eventId!: string;
  @ApiProperty({ example: 'GuardianAssigned' }) type!: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) data!: unknown;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'All of it, including integrity {alg: "sha256", previous, hash}',
  })
  metadata!: Record<string, unknown>;
}

export class ExportChainView {
  @ApiProperty() ok!: boolean;
  @ApiProperty({ ...HASH, nullable: true }) head!: string | null;
  @ApiProperty({ type: BrokenLinkView, nullable: true }) firstBroken!: BrokenLinkView | null;
}

export class CaseExportView {
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty({ example: 'case-0b0c4a4e-36a2-4f39-9a57-3a6ee3d2f0a1' }) streamId!: string;
  @ApiProperty({ format: 'date-time' }) exportedAt!: string;
  @ApiProperty({ enum: ['sha256'] }) alg!: string;
  @ApiProperty({ description: 'How each event hash is computed, in words, for checking with other tools' }) hashInput!: string;
  @ApiProperty({ type: [ExportedEventView], description: 'Every event of the case stream, in stream order' })
  events!: ExportedEventView[];
  @ApiProperty({ type: ExportChainView, description: 'The chain as verified at export; `npm run verify -- --file` rechecks it' })
  chain!: ExportChainView;
}
