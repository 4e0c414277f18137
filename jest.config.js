/** @type {import('jest').Config} */
const swc = (syntax) => ['@swc/jest', { jsc: { parser: { syntax }, target: 'es2022' }, module: { type: 'commonjs' } }];

/**
 * The suites that take minutes: generated documents by the thousand (fuzz, the compiled executor's
 * property test), Neo4j's parser over every statement, the derived similarities checked against
 * the exhaustive answers for every argument, and training the theme model. `npm test`
 * leaves them to `npm run test:slow`; CI runs both, and plain `npx jest` runs everything.
 */
const SLOW_SUITES = [
  '<rootDir>/test/api/fuzz.test.ts',
  '<rootDir>/test/api/jit-executor.test.ts',
  '<rootDir>/test/store/neo4j-cypher.test.ts',
  '<rootDir>/test/store/context-cypher.test.ts',
  '<rootDir>/test/store/derived-similarity.test.ts',
  '<rootDir>/test/ingest/cross-validate-themes.test.ts',
  '<rootDir>/test/ingest/theme-model.test.ts',
];

const shared = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  globalSetup: '<rootDir>/test/global-setup.ts',
  // TypeScript 7 has no compiler API for ts-jest; swc strips types and `npm run typecheck` checks them.
  transform: {
    '^.+\\.ts$': swc('typescript'),
    // unpdf loads its bundle of pdf.js (ES modules) with import(), which jest's CommonJS runtime cannot do: both go through swc to CommonJS.
    'node_modules/unpdf/dist/.+\\.(cjs|mjs)$': swc('ecmascript'),
    // stemmer is ESM only: compiled to CommonJS for jest (Node itself loads it with require).
    'node_modules/stemmer/.+\\.js$': swc('ecmascript'),
  },
  transformIgnorePatterns: ['/node_modules/(?!unpdf/|stemmer/)'],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'cjs', 'json'],
  moduleNameMapper: { '^unpdf/pdfjs$': '<rootDir>/node_modules/unpdf/dist/pdfjs.mjs' },
};

module.exports = {
  projects: [
    { ...shared, displayName: 'fast', testMatch: ['**/*.test.ts'], testPathIgnorePatterns: ['/node_modules/', ...SLOW_SUITES] },
    { ...shared, displayName: 'slow', testMatch: SLOW_SUITES },
  ],
};
