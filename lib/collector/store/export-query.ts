import { JSON_FIELDS, SCALAR_FIELDS } from './CollectorEvent';
import { dialectSql } from './sql/dialect-sql';
import type { SqlDialect } from './sql/SqlDatabase';

/** One filter of `POST /v1/events/export`. */
export interface ExportFilter {
  field: string;
  operator: string;
  value?: unknown;
  type?: string;
}

/** The body of `POST /v1/events/export`. */
export interface ExportQuery {
  project?: string;
  filters?: ExportFilter[];
  /** Start-time bounds: epoch milliseconds or ISO dates (`$gte`, `$lte`). */
  dateRange?: { $gte?: string | number; $lte?: string | number };
  limit?: number;
  page?: number;
}

/** Largest page size of an export. */
export const MAX_EXPORT_LIMIT = 10_000;

/**
 * A positive integer request parameter (`limit`, `page`), or the fallback when absent, capped at
 * `max`; anything else (`abc`, `1.5`, `0`, `1e300`) is a client mistake answered with 400.
 */
export function positiveInt(value: unknown, name: string, fallback: number, max: number): number {
  if (value === undefined || value === null || value === '') return fallback;
  const n = typeof value === 'number' ? value : /^\d+$/.test(String(value)) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n) || n < 1)
    throw new QueryError(`${name} must be a positive integer, got ${String(value).slice(0, 40)}`);
  return Math.min(n, max);
}

function epochMs(v: unknown, name: string): number {
  const n = typeof v === 'number' ? v : /^\d+(\.\d+)?$/.test(String(v)) ? Number(v) : Date.parse(String(v));
  if (!Number.isFinite(n)) throw new QueryError(`dateRange.${name} must be a date or epoch milliseconds`);
  return n;
}

function typedValue(f: ExportFilter): unknown {
  const value = f.value;
  if (
    f.type === 'number' &&
    typeof value === 'string' &&
    value.trim() !== '' &&
    Number.isFinite(Number(value))
  )
    return Number(value);
  if (f.type === 'boolean' && (value === 'true' || value === 'false')) return value === 'true' ? 1 : 0;
  return typeof value === 'boolean'
    ? Number(value)
    : value === undefined || value === null || typeof value === 'object'
      ? JSON.stringify(value ?? null)
      : value;
}

const COLUMNS = new Set<string>(SCALAR_FIELDS);
const JSON_COLUMNS = new Set<string>(JSON_FIELDS);
/** Columns that hold numbers: compared with a number, or the filter is a client mistake. */
const NUMBER_COLUMNS = new Set<string>(['start_time', 'end_time', 'duration']);

/** A comparison's value for a number column: a finite number, else a `QueryError` naming the field. */
function numberValue(f: ExportFilter, v: unknown): number {
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
  if (!Number.isFinite(n))
    throw new QueryError(
      `${f.field} holds numbers: compare it with a number, got ${JSON.stringify(f.value)}`,
    );
  return n;
}

/** Thrown for a filter the collector cannot run; answered with 400. */
export class QueryError extends Error {}

/** A filter's operand: a column, or a path into a JSON column. */
interface Target {
  /** The SQL that reads it. */
  sql: string;
  /** PostgreSQL, a JSON path: compared as JSON (`jsonb`), so numbers compare as numbers. */
  json: boolean;
}

function target(field: string, i: number, params: Record<string, unknown>, d: SqlDialect): Target {
  if (COLUMNS.has(field)) return { sql: field, json: false };
  const [head, ...rest] = field.split('.');
  if (head && JSON_COLUMNS.has(head) && rest.length > 0 && rest.every((p) => /^[\w-]+$/.test(p))) {
    if (d === 'postgres') {
      params[`path${i}`] = `{${rest.map((p) => `"${p}"`).join(',')}}`;
      return { sql: `(${head}::jsonb #> @path${i}::text[])`, json: true };
    }
    params[`path${i}`] = '$' + rest.map((p) => `."${p}"`).join('');
    return { sql: `json_extract(${head}, @path${i})`, json: false };
  }
  throw new QueryError(`unknown filter field: ${field}`);
}

/** A filter's value as JSON text, typed as its `type` says (`"3"` as 3, `"true"` as true). */
function jsonValue(f: ExportFilter): string {
  const v = f.value;
  if (f.type === 'number' && typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v)))
    return JSON.stringify(Number(v));
  if (f.type === 'boolean' && (v === 'true' || v === 'false')) return v;
  return JSON.stringify(v ?? null);
}

/** One filter as a SQL condition on bound parameters `@v<i>` (and `@path<i>` for a JSON path). */
function filterClause(f: ExportFilter, i: number, params: Record<string, unknown>, d: SqlDialect): string {
  if (!f || typeof f.field !== 'string' || typeof f.operator !== 'string')
    throw new QueryError('a filter needs field and operator');
  const t = target(f.field, i, params, d);
  const sql = dialectSql(d);
  const col = t.sql;
  // a JSON path on PostgreSQL compares as JSON, and reads as text where text is wanted
  const v = t.json ? `@v${i}::jsonb` : `@v${i}`;
  const text = t.json ? `(${col} #>> '{}')` : col;
  params[`v${i}`] = t.json ? jsonValue(f) : typedValue(f);
  const op = f.operator.toLowerCase();
  // both engines answer the same: PostgreSQL cannot read "abc" as a time, SQLite never matches it
  if (NUMBER_COLUMNS.has(col) && !['contains', 'not contains', 'exists', 'not exists'].includes(op))
    params[`v${i}`] = numberValue(f, params[`v${i}`]);
  switch (op) {
    case 'is':
    case '=':
    case 'eq':
      return `${col} = ${v}`;
    case 'is not':
    case '!=':
    case 'neq':
      return `(${col} IS NULL OR ${col} != ${v})`;
    case 'contains':
      params[`v${i}`] = typedValue(f);
      return sql.contains(text, `@v${i}`);
    case 'not contains':
      params[`v${i}`] = typedValue(f);
      return `(${text} IS NULL OR NOT (${sql.contains(text, `@v${i}`)}))`;
    case 'greater than':
    case '>':
      return `${col} > ${v}`;
    case 'less than':
    case '<':
      return `${col} < ${v}`;
    case 'exists':
      delete params[`v${i}`];
      return `${text} IS NOT NULL`;
    case 'not exists':
      delete params[`v${i}`];
      return `${text} IS NULL`;
    default:
      throw new QueryError(`unknown filter operator: ${f.operator}`);
  }
}

/** Builds a parameterized WHERE clause; field names are checked against a whitelist, values are always bound. */
export function buildExportQuery(
  q: ExportQuery,
  d: SqlDialect = 'sqlite',
): {
  where: string;
  params: Record<string, unknown>;
  limit: number;
  offset: number;
} {
  const params: Record<string, unknown> = {};
  const clauses: string[] = [];
  if (q.project !== undefined) {
    clauses.push('project = @project');
    params.project = String(q.project);
  }
  if (q.filters !== undefined && !Array.isArray(q.filters)) throw new QueryError('filters must be an array');
  (q.filters ?? []).forEach((f, i) => clauses.push(filterClause(f, i, params, d)));
  const range = q.dateRange;
  if (range !== undefined && (range === null || typeof range !== 'object'))
    throw new QueryError('dateRange must be an object');
  if (range?.$gte !== undefined) {
    clauses.push('start_time >= @gte');
    params.gte = epochMs(range.$gte, '$gte');
  }
  if (range?.$lte !== undefined) {
    clauses.push('start_time <= @lte');
    params.lte = epochMs(range.$lte, '$lte');
  }
  const limit = positiveInt(q.limit, 'limit', 1000, MAX_EXPORT_LIMIT);
  const page = positiveInt(q.page, 'page', 1, Number.MAX_SAFE_INTEGER);
  if ((page - 1) * limit > Number.MAX_SAFE_INTEGER) throw new QueryError('page is out of range');
  return {
    where: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '',
    params,
    limit,
    offset: (page - 1) * limit,
  };
}
