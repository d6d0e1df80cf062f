import { describeUrl } from './open-read-model-database';

describe('describeUrl', () => {
  it('names the server and database for log lines, never the credentials', () => {
    expect(describeUrl('postgres://reader:s3cret@db.internal:5432/read_models')).toBe('db.internal:5432/read_models');
    expect(describeUrl('not a url')).toBe('(unparseable url)');
  });
});
