import { ValidationError, ValidationPipe } from '@nestjs/common';
import { FieldProblem, ProblemException } from './problem';

/** class-validator's nested errors flattened to one entry per field and rule, with dotted paths. */
export function flattenValidationErrors(errors: ValidationError[], parentPath = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = parentPath ? `${parentPath}.${error.property}` : error.property;
    const own = Object.entries(error.constraints ?? {}).map(([rule, message]) => ({
      field,
      rule: rule === 'whitelistValidation' ? 'unknownProperty' : rule,
      message: rule === 'whitelistValidation' ? `property ${field} is not allowed` : message.replace(error.property, field),
    }));
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}

export function validationProblem(errors: FieldProblem[]): ProblemException {
  return ProblemException.of('validation-error', {
    detail: errors.map((e) => e.message).join('; '),
    errors,
  });
}

export const VALIDATION_OPTIONS = {
  whitelist: true,
  forbidNonWhitelisted: true,
  forbidUnknownValues: true,
  validationError: { target: false, value: false },
} as const;

/** Every body is validated, and a property the DTO does not declare is refused rather than dropped. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    ...VALIDATION_OPTIONS,
    transform: true,
    exceptionFactory: (errors) => validationProblem(flattenValidationErrors(errors)),
  });
}
