import { Param, ParseUUIDPipe } from '@nestjs/common';
import { validationProblem } from '../problem-details/validation';

/** The case id from the path, lower-cased so that one case never answers to two spellings. */
export const CaseIdParam = () =>
  Param(
    'caseId',
    new ParseUUIDPipe({
      exceptionFactory: () => validationProblem([{ field: 'caseId', rule: 'isUuid', message: 'caseId must be a UUID' }]),
    }),
    { transform: (value: string) => value.toLowerCase() },
  );
