import { QueryError } from '../store/export-query';
import { HttpStatusError } from './http-utils';
import { MissingDependencyError } from '../store/load-optional';
import { BadRequestError } from '../ingest/bad-request';

/**
 * The HTTP status an error answers with, by its type (the one place that maps them): a status
 * error its own, a bad query or a bad OTLP body 400, a missing optional engine 501, anything
 * else 500.
 */
export function statusOf(err: unknown): number {
  if (err instanceof HttpStatusError) return err.status;
  if (err instanceof QueryError || err instanceof BadRequestError) return 400;
  if (err instanceof MissingDependencyError) return 501;
  return 500;
}
