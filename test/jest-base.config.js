/** Shared Jest settings: SWC with legacy decorators and metadata, as Nest and TypeORM need. */
module.exports = {
  rootDir: '..',
  testEnvironment: 'node',
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true },
          target: 'es2022',
          keepClassNames: true,
        },
        module: { type: 'commonjs' },
      },
    ],
  },
  setupFiles: [
    '<rootDir>/test/helpers/test-env.ts',
    '<rootDir>/test/helpers/quiet-client-console.ts',
  ],
  testTimeout: 30000,
};
