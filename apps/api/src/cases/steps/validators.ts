import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsNotEmpty, IsString, IsUUID, Matches, MaxLength, ValidateBy, ValidateIf, ValidationOptions } from 'class-validator';
import { isValidBusinessDate } from '@app/domain';

/**
 * An optional field may be left out, but not sent as null: class-validator's IsOptional would let null through
 * into the event, whose types say "absent or a value".
 */
export const Omittable = () => ValidateIf((_object, value) => value !== undefined);

/**
 * A UUID, lower-cased: ids name streams and entries, and `A1…` and `a1…` must not become two different cases.
 */
export const NormalizedUuid = () =>
  applyDecorators(
    Transform(({ value }) => (typeof value === 'string' ? value.toLowerCase() : value)),
    IsUUID(),
  );

/** A calendar date written YYYY-MM-DD that exists (no 2021-02-30). */
export function IsBusinessDate(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isBusinessDate',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && isValidBusinessDate(value),
        defaultMessage: () => '$property must be a calendar date written YYYY-MM-DD',
      },
    },
    options,
  );
}

export const BusinessDateProperty = (description: string, required = true) =>
  applyDecorators(
    required
      ? ApiProperty({ description, format: 'date', example: '2021-04-01' })
      : ApiPropertyOptional({ description, format: 'date', example: '2021-04-01' }),
    ...(required ? [] : [Omittable()]),
    IsBusinessDate(),
  );

/**
 * A pseudonymous reference (child, family, protector, provider): short, no spaces, so that names and other
 * personal data do not slip into the log through a reference field.
 */
export const PseudonymousRef = (description: string) =>
  applyDecorators(
    ApiProperty({ description, example: 'ref-7f3a9c', maxLength: 64 }),
    IsString(),
    Matches(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/, {
      message: '$property must be a pseudonymous reference: 1 to 64 letters, digits or . _ : - and no spaces',
    }),
  );

/** Free text such as a reason: required, bounded. */
export const FreeText = (description: string, maxLength = 2000) =>
  applyDecorators(ApiProperty({ description, maxLength }), IsString(), IsNotEmpty(), MaxLength(maxLength));

export const OptionalFreeText = (description: string, maxLength = 2000) =>
  applyDecorators(ApiPropertyOptional({ description, maxLength }), Omittable(), IsString(), IsNotEmpty(), MaxLength(maxLength));
