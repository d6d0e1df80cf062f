import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsString, Matches, MaxLength, ValidateBy } from 'class-validator';
import { passesBsnElevenTest } from '@app/domain/privacy';
import { BusinessDateProperty, Omittable } from '../cases/steps/validators';

/** What POST /persons stores in the vault. Values are never echoed in error messages or logs. */
export class RegisterPersonDto {
  @ApiProperty({ description: 'Full name', minLength: 1, maxLength: 200 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  @Matches(/\S/, { message: '$property must not be blank' })
  name!: string;

  @BusinessDateProperty('Date of birth, not in the future')
  birthDate!: string;

  @ApiPropertyOptional({ description: 'Citizen service number (BSN): nine digits passing the eleven-test', example: '111222333' })
  @Omittable()
  @ValidateBy({
    name: 'isBsn',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && passesBsnElevenTest(value),
      defaultMessage: () => '$property must be nine digits passing the BSN eleven-test',
    },
  })
  bsn?: string;
}

export class PersonRefResponse {
  @ApiProperty({ description: 'The pseudonymous ref to use in events (childRef, familyRef)', example: 'person-qwhzkmbtrdpfxcavnsel' })
  ref!: string;
}

export class PersonView {
  @ApiProperty() ref!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ format: 'date' }) birthDate!: string;
  @ApiProperty({ nullable: true, type: String }) bsn!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

/** The identity data as encrypted: one JSON document per person. */
export interface PersonPlaintext {
  name: string;
  birthDate: string;
  bsn: string | null;
}
