/** Whether a `database` option names a PostgreSQL server rather than a SQLite file. */
export function isPostgresUrl(value: string): boolean {
  return /^postgres(ql)?:\/\//i.test(value.trim());
}

/**
 * A PostgreSQL URL as it may be shown: user, host, port and database, never the password
 * (`postgres://hivetrace@db.internal:5432/traces`). Used in every message that names the database.
 */
export function describeDatabaseUrl(value: string): string {
  try {
    const u = new URL(value.trim());
    const user = u.username ? `${decodeURIComponent(u.username)}@` : '';
    const port = u.port ? `:${u.port}` : '';
    return `${u.protocol}//${user}${u.hostname}${port}${u.pathname}`;
  } catch {
    return 'postgres://(a URL that does not parse)';
  }
}

/** Removes a URL's password from a message (drivers sometimes quote what they were given). */
export function withoutPassword(message: string, url: string): string {
  let password = '';
  try {
    password = decodeURIComponent(new URL(url.trim()).password);
  } catch {
    /* nothing to remove from a URL that does not parse */
  }
  return password ? message.split(password).join('***') : message;
}
