/** @type {import('jest').Config} */
const swc = (syntax) => ['@swc/jest', { jsc: { parser: { syntax }, target: 'es2022' }, module: { type: 'commonjs' } }];

module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
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
