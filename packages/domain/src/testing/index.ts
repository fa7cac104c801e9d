// `@identdesk/domain/testing`: support for other packages' tests, never imported by runtime code.
// Only the seed's examples are exported; seed-document.ts (which reads the seed from disk) stays
// internal to this package's contract tests.
export * from './seed-examples.ts';
