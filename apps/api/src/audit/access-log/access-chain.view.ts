import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { BrokenLinkView } from '../integrity/integrity.view';
import { ACCESS_MONTH_PATTERN } from './access-chain';

export class AccessChainQueryDto {
  @ApiProperty({ example: '2026-11', description: 'The month (UTC) whose access records to verify' })
  @Matches(ACCESS_MONTH_PATTERN, { message: '$property must be a month as YYYY-MM' })
  month!: string;
}

export class AccessChainView {
  @ApiProperty({ example: '2026-11' }) month!: string;
  @ApiProperty({ example: 'audit-access-2026-11' }) streamId!: string;
  @ApiProperty({ description: 'Every record hashes to its seal and links to the one before it (true for a month without records)' })
  ok!: boolean;
  @ApiProperty({ description: 'Records in the month' }) events!: number;
  @ApiProperty({ type: BrokenLinkView, nullable: true, description: 'The first record at which the chain breaks; null when ok' })
  firstBroken!: BrokenLinkView | null;
  @ApiProperty({ type: String, pattern: '^[0-9a-f]{64}$', nullable: true, description: 'The hash the chain ends in (null when broken or empty)' })
  head!: string | null;
}
