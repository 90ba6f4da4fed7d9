/** What a collector node asks its PostgreSQL worker: one statement, or to close. */
export type PgRequest = (
  | { op: 'query'; text: string; values: unknown[]; pluck: boolean }
  | { op: 'close'; text: ''; values: []; pluck: false }
) & {
  /** Numbers the request; its answer carries the same, so a late answer is never taken for another's. */
  id?: number;
};

/** The worker's answer: the rows and how many rows changed, or the error. */
export type PgAnswer = (
  | { rows: unknown[]; rowCount: number; error?: undefined }
  | { error: { message: string; code?: string }; rows?: undefined; rowCount?: undefined }
) & { id?: number };
