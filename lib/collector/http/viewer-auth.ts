import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody } from './http-utils';
import type { Router } from './Router';

const COOKIE = 'hivetrace_session';

const equal = (a: string, b: string): boolean => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

const LOGIN_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>hivetrace: sign in</title>
<link rel="stylesheet" href="/viewer/style.css"></head>
<body><main><h1>hivetrace collector</h1>
<p>This collector needs its API key.</p>
<form method="post" action="/login"><label>API key <input type="password" name="key" autocomplete="current-password" autofocus></label>
<button type="submit">Sign in</button></form></main></body></html>`;

/**
 * Access to a collector started with an API key: API clients send `Authorization: Bearer <key>`;
 * people open the one-time URL the CLI prints (or sign in with the key at `/login`) and get a
 * session cookie (HttpOnly, SameSite=Strict) for the viewer and its `/api/*` routes.
 */
export class ViewerAuth {
  private readonly sessions = new Set<string>();
  private oneTimeToken: string | undefined = randomBytes(24).toString('base64url');

  constructor(private readonly apiKey: string) {}

  /** The path that signs a browser in once (`/login?token=…`); undefined once used. */
  get oneTimePath(): string | undefined {
    return this.oneTimeToken ? `/login?token=${this.oneTimeToken}` : undefined;
  }

  /** Whether a request carries the key (bearer) or a signed-in session cookie. */
  allows(req: IncomingMessage): boolean {
    const header = req.headers.authorization;
    if (header && equal(header, `Bearer ${this.apiKey}`)) return true;
    const cookie = /(?:^|;\s*)hivetrace_session=([A-Za-z0-9_-]+)/.exec(req.headers.cookie ?? '')?.[1];
    return cookie !== undefined && this.sessions.has(cookie);
  }

  private signIn(res: ServerResponse): void {
    const session = randomBytes(24).toString('base64url');
    this.sessions.add(session);
    res.writeHead(303, {
      location: '/',
      'set-cookie': `${COOKIE}=${session}; HttpOnly; SameSite=Strict; Path=/`,
      'content-length': 0,
    });
    res.end();
  }

  private page(res: ServerResponse, status: number): void {
    res.writeHead(status, {
      'content-type': 'text/html; charset=utf-8',
      'content-length': Buffer.byteLength(LOGIN_PAGE),
      'content-security-policy': "default-src 'self'; form-action 'self'; base-uri 'none'",
      'x-content-type-options': 'nosniff',
    });
    res.end(LOGIN_PAGE);
  }

  /** The `/login` routes: the one-time URL, the sign-in page and its form. */
  routes(router: Router): void {
    router.on('GET', '/login', ({ res, query }) => {
      const token = query.get('token');
      if (token && this.oneTimeToken && equal(token, this.oneTimeToken)) {
        this.oneTimeToken = undefined;
        this.signIn(res);
      } else this.page(res, token ? 401 : 200);
    });
    router.on('POST', '/login', async ({ req, res }) => {
      const key = new URLSearchParams((await readBody(req, 4096)).toString('utf8')).get('key') ?? '';
      if (equal(key, this.apiKey)) this.signIn(res);
      else this.page(res, 401);
    });
  }
}
