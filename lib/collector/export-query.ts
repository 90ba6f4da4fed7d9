import { JSON_FIELDS, SCALAR_FIELDS } from './CollectorEvent';

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
  limit?: number;
  page?: number;
}

const COLUMNS = new Set<string>(SCALAR_FIELDS);
const JSON_COLUMNS = new Set<string>(JSON_FIELDS);

/** Thrown for a filter the collector cannot run; answered with 400. */
export class QueryError extends Error {}

function target(field: string, i: number, params: Record<string, unknown>): string {
  if (COLUMNS.has(field)) return field;
  const [head, ...rest] = field.split('.');
  if (head && JSON_COLUMNS.has(head) && rest.length > 0 && rest.every((p) => /^[\w-]+$/.test(p))) {
    params[`path${i}`] = '$' + rest.map((p) => `."${p}"`).join('');
    return `json_extract(${head}, @path${i})`;
  }
  throw new QueryError(`unknown filter field: ${field}`);
}

/** Builds a parameterized WHERE clause; field names are checked against a whitelist, values are always bound. */
export function buildExportQuery(q: ExportQuery): {
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
  (q.filters ?? []).forEach((f, i) => {
    if (!f || typeof f.field !== 'string' || typeof f.operator !== 'string')
      throw new QueryError('a filter needs field and operator');
    const col = target(f.field, i, params);
    const v = `@v${i}`;
    const value = f.value;
    params[`v${i}`] =
      typeof value === 'boolean'
        ? Number(value)
        : value === undefined || value === null || typeof value === 'object'
          ? JSON.stringify(value ?? null)
          : value;
    switch (f.operator.toLowerCase()) {
      case 'is':
      case '=':
      case 'eq':
        clauses.push(`${col} = ${v}`);
        break;
      case 'is not':
      case '!=':
      case 'neq':
        clauses.push(`(${col} IS NULL OR ${col} != ${v})`);
        break;
      case 'contains':
        clauses.push(`instr(CAST(${col} AS TEXT), CAST(${v} AS TEXT)) > 0`);
        break;
      case 'not contains':
        clauses.push(`(${col} IS NULL OR instr(CAST(${col} AS TEXT), CAST(${v} AS TEXT)) = 0)`);
        break;
      case 'greater than':
      case '>':
        clauses.push(`${col} > ${v}`);
        break;
      case 'less than':
      case '<':
        clauses.push(`${col} < ${v}`);
        break;
      case 'exists':
        delete params[`v${i}`];
        clauses.push(`${col} IS NOT NULL`);
        break;
      case 'not exists':
        delete params[`v${i}`];
        clauses.push(`${col} IS NULL`);
        break;
      default:
        throw new QueryError(`unknown filter operator: ${f.operator}`);
    }
  });
  const limit = Math.min(Math.max(Number(q.limit ?? 1000) || 1000, 1), 10_000);
  const page = Math.max(Number(q.page ?? 1) || 1, 1);
  return {
    where: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '',
    params,
    limit,
    offset: (page - 1) * limit,
  };
}
