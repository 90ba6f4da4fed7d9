import { MissingDependencyError } from '../store/load-optional';
import { BadRequestError } from './bad-request';

/** Why the ingest worker could not decode a body, as it crosses from the worker thread. */
export interface IngestFailure {
  readonly kind: 'bad-request' | 'missing-dependency' | 'failed';
  readonly message: string;
  /** The package to install, for `missing-dependency`. */
  readonly dependency?: string;
}

/** A decoding error as a message the worker can post (errors lose their class across threads). */
export function describeFailure(err: unknown): IngestFailure {
  const message = (err as Error)?.message ?? String(err);
  if (err instanceof BadRequestError) return { kind: 'bad-request', message };
  if (err instanceof MissingDependencyError)
    return { kind: 'missing-dependency', message, dependency: err.dependency };
  return { kind: 'failed', message };
}

/** The error a posted failure stands for, of the class the collector answers by (400, 501, 500). */
export function failureError(f: IngestFailure): Error {
  if (f.kind === 'bad-request') return new BadRequestError(f.message);
  if (f.kind === 'missing-dependency')
    return new MissingDependencyError(f.dependency ?? 'a dependency', undefined);
  return new Error(f.message);
}
