import type { Database } from './database';
import { parseJson } from './database';
import { positiveInt, QueryError } from './export-query';
import type { SessionSummary } from './store-types';
import type {
  FacetsResponse,
  SessionListQuery,
  SessionListResponse,
  SessionSortKey,
} from './session-list-types';
import { SESSION_SORT_KEYS } from './session-list-types';
import type { DialectSql } from './sql/dialect-sql';
import { dialectSql } from './sql/dialect-sql';

type Row = Record<string, unknown>;

/** A model event's token count: its total, else prompt plus completion, in `metrics` then `metadata`. */
function eventTokens(d: DialectSql): string {
  const n = (col: string, key: string) => d.jsonNumber(`c.${col}`, key);
  return `CASE WHEN c.event_type = 'model' THEN COALESCE(
  ${n('metrics', 'total_tokens')},
  ${n('metrics', 'prompt_tokens')} + ${n('metrics', 'completion_tokens')},
  ${n('metadata', 'total_tokens')},
  ${n('metadata', 'prompt_tokens')} + ${n('metadata', 'completion_tokens')},
  ${n('metrics', 'prompt_tokens')}, ${n('metrics', 'completion_tokens')},
  ${n('metadata', 'prompt_tokens')}, ${n('metadata', 'completion_tokens')}) END`;
}

const escapeLike = (s: string): string => `%${s.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;

/** Epoch milliseconds from a query parameter, checked. */
function epochMs(v: string | undefined, name: string): number | undefined {
  if (v === undefined || v === '') return undefined;
  const n = Number(v);
  if (!Number.isFinite(n))
    throw new QueryError(`${name} must be epoch milliseconds, got ${JSON.stringify(v)}`);
  return n;
}

/** Free text: in the session's name, id, metadata or user, or any of its events' name, inputs, outputs or error. */
function textSearch(d: DialectSql): string {
  const any = (columns: string[]) => columns.map((c) => `${c} ${d.like} @q ESCAPE '\\'`).join(' OR ');
  return `(${any(['s.event_name', 's.event_id', 's.metadata', 's.user_properties'])} OR EXISTS (SELECT 1 FROM events c WHERE c.session_id = s.event_id AND (${any(['c.event_name', 'c.inputs', 'c.outputs', 'c.error'])})))`;
}

/** The parsed, checked form of a session list query. */
export interface SessionListFilter {
  where: string;
  having: string;
  params: Row;
  order: string;
  page: number;
  limit: number;
}

/** Checks a `GET /api/sessions` query and builds its SQL parts; bad values are a `QueryError` (400). */
export function sessionListFilter(
  q: SessionListQuery,
  d: DialectSql = dialectSql('sqlite'),
): SessionListFilter {
  const clauses = ["s.event_type = 'session'"];
  const params: Row = {};
  const add = (clause: string, name: string, value: unknown): void => {
    clauses.push(clause);
    params[name] = value;
  };
  if (q.project) add('s.project = @project', 'project', q.project);
  if (q.source) add('s.source = @source', 'source', q.source);
  if (q.user)
    add(
      `(${d.jsonValue('s.user_properties', 'user_id')} = @user OR EXISTS (SELECT 1 FROM events u WHERE u.session_id = s.event_id AND ${d.jsonValue('u.user_properties', 'user_id')} = @user))`,
      'user',
      q.user,
    );
  if (q.event_type)
    add(
      'EXISTS (SELECT 1 FROM events t WHERE t.session_id = s.event_id AND t.event_id != s.event_id AND t.event_type = @event_type)',
      'event_type',
      q.event_type,
    );
  const from = epochMs(q.from, 'from');
  const to = epochMs(q.to, 'to');
  if (from !== undefined) add('s.start_time >= @from', 'from', from);
  if (to !== undefined) add('s.start_time <= @to', 'to', to);
  if (q.q) add(textSearch(d), 'q', escapeLike(q.q));
  const having: string[] = [];
  if (q.errors === '1') having.push('error_count > 0');
  if (q.empty !== '1') having.push('event_count > 0');
  // a condition on the counts, applied around the grouped rows (PostgreSQL's HAVING cannot name them)
  const sort: SessionSortKey = q.sort ?? 'start_time';
  if (!(SESSION_SORT_KEYS as readonly string[]).includes(sort))
    throw new QueryError(`sort must be one of ${SESSION_SORT_KEYS.join(', ')}, got ${JSON.stringify(sort)}`);
  const dir = q.dir ?? (sort === 'start_time' ? 'desc' : 'asc');
  if (dir !== 'asc' && dir !== 'desc')
    throw new QueryError(`dir must be asc or desc, got ${JSON.stringify(dir)}`);
  return {
    where: clauses.join(' AND '),
    having: having.length ? `WHERE ${having.join(' AND ')}` : '',
    params,
    // NULLs last either way, then newest first, then the id: a stable order for paging
    order: `${sort} IS NULL, ${sort} ${dir.toUpperCase()}, start_time DESC, session_id`,
    page: positiveInt(q.page, 'page', 1, 1_000_000),
    limit: positiveInt(q.limit, 'limit', 50, 1000),
  };
}

/** The first text in a value (depth first, a few levels down), cut to 120 characters; null when none. */
export function firstText(value: unknown, depth = 0): string | null {
  if (typeof value === 'string') {
    const t = value.trim();
    return t === '' ? null : t.length > 120 ? `${t.slice(0, 119)}…` : t;
  }
  if (value === null || typeof value !== 'object' || depth > 4) return null;
  // a conversation reads best as its last question
  const history = (value as { chat_history?: unknown }).chat_history;
  if (Array.isArray(history)) {
    const asked = [...history].reverse().find((m) => (m as { role?: unknown })?.role === 'user');
    const text = firstText((asked as { content?: unknown } | undefined)?.content, depth + 1);
    if (text !== null) return text;
  }
  for (const v of Object.values(value)) {
    const found = firstText(v, depth + 1);
    if (found !== null) return found;
  }
  return null;
}

/** One page of sessions for the viewer, with counts, tokens and the user, and the total that match. */
export function listSessions(db: Database, q: SessionListQuery): SessionListResponse {
  const d = dialectSql(db.dialect);
  const f = sessionListFilter(q, d);
  const from = `FROM events s LEFT JOIN events c ON c.session_id = s.event_id AND c.event_id != s.event_id
    WHERE ${f.where} GROUP BY s.event_id`;
  const counts = `COUNT(c.event_id) AS event_count, COALESCE(SUM(${d.oneIf('c.error IS NOT NULL')}), 0) + ${d.oneIf('s.error IS NOT NULL')} AS error_count`;
  // JSON is read only where it can hold something: most events carry no user and no tokens
  const inner = `SELECT s.event_id AS session_id, s.project, s.source, s.event_name, s.start_time, s.duration, s.user_properties,
      s.inputs AS s_inputs, s.outputs AS s_outputs, s.feedback AS s_feedback,
      COALESCE(${d.jsonValue('s.user_properties', 'user_id')},
        MAX(CASE WHEN c.user_properties != '{}' THEN ${d.jsonValue('c.user_properties', 'user_id')} END)) AS user_id,
      ${counts}, COALESCE(SUM(${eventTokens(d)}), 0) AS total_tokens ${from}`;
  const total = (
    db
      .prepare(`SELECT COUNT(*) AS n FROM (SELECT ${counts} ${from}) AS grouped ${f.having}`)
      .get(f.params) as {
      n: number;
    }
  ).n;
  const rows = db
    .prepare(
      `SELECT * FROM (${inner}) AS grouped ${f.having} ORDER BY ${f.order} LIMIT @limit OFFSET @offset`,
    )
    .all({ ...f.params, limit: f.limit, offset: (f.page - 1) * f.limit }) as Row[];
  const sessions = rows.map((r): SessionSummary => {
    const { s_inputs, s_outputs, s_feedback, ...rest } = r;
    return {
      ...(rest as unknown as SessionSummary),
      user_id: r.user_id === null || r.user_id === undefined ? null : String(r.user_id),
      user_properties: parseJson(r.user_properties, {}),
      total_tokens: Number(r.total_tokens) || 0,
      cost: null,
      preview: { input: firstText(parseJson(s_inputs, {})), output: firstText(parseJson(s_outputs, {})) },
      feedback: parseJson(s_feedback, {}),
    };
  });
  return { sessions, total, page: f.page, limit: f.limit };
}

/** The values the session filters offer: projects, sources, users and event types. */
export function sessionFacets(db: Database): FacetsResponse {
  const user = dialectSql(db.dialect).jsonValue('user_properties', 'user_id');
  const column = (sql: string): string[] =>
    (db.prepare(sql).all() as { v: unknown }[]).map((r) => String(r.v));
  return {
    projects: column("SELECT DISTINCT project AS v FROM events WHERE event_type = 'session' ORDER BY v"),
    sources: column(
      "SELECT DISTINCT source AS v FROM events WHERE event_type = 'session' AND source IS NOT NULL ORDER BY v",
    ),
    users: column(
      `SELECT DISTINCT ${user} AS v FROM events WHERE user_properties != '{}' AND ${user} IS NOT NULL ORDER BY v LIMIT 500`,
    ),
    event_types: column(
      "SELECT DISTINCT event_type AS v FROM events WHERE event_type != 'session' ORDER BY v",
    ),
  };
}
