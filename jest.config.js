/** One jest run covers unit tests beside the code (apps/, libs/) and cross-cutting tests under test/. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/test'],
  testRegex: '.*\\.spec\\.ts$',
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
  },
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper: {
    '^@app/domain$': '<rootDir>/libs/domain/src',
    '^@app/domain/(.*)$': '<rootDir>/libs/domain/src/$1',
    '^@app/worker-threads$': '<rootDir>/libs/worker-threads/src',
    '^@app/worker-threads/(.*)$': '<rootDir>/libs/worker-threads/src/$1',
    '^@app/event-store$': '<rootDir>/libs/event-store/src',
    '^@app/event-store/(.*)$': '<rootDir>/libs/event-store/src/$1',
    '^@app/read-models$': '<rootDir>/libs/read-models/src',
    '^@app/read-models/(.*)$': '<rootDir>/libs/read-models/src/$1',
    '^@app/case-generator$': '<rootDir>/libs/case-generator/src',
    '^@app/case-generator/(.*)$': '<rootDir>/libs/case-generator/src/$1',
  },
  testTimeout: 30000,
};
