/** `hivetrace/testing`: a test kit for users' own unit tests. */
export type { TestSpan } from './TestSpan';
export type { TestTracerKit } from './create-test-tracer';
export { createTestTracer } from './create-test-tracer';
export { toTestSpan } from './to-test-span';
export type { RecordedRequest } from '../export/HoneyHiveClient';
