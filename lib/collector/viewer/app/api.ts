import type { ViewerRoutes } from '../viewer-api';

/** The collector answered with an error status. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Reads one viewer route: `route` names the typed shape, `path` is the URL asked (the route
 * with its id and query filled in). Only the collector itself is ever asked.
 */
export async function get<R extends keyof ViewerRoutes>(_route: R, path: string): Promise<ViewerRoutes[R]> {
  const res = await fetch(path, { headers: { accept: 'application/json' }, credentials: 'same-origin' });
  if (!res.ok) {
    let message = `${res.status} ${res.statusText}`;
    try {
      const body = (await res.json()) as { message?: string; error?: string };
      message = body.message ?? body.error ?? message;
    } catch {
      /* not JSON: keep the status */
    }
    throw new ApiError(res.status, message);
  }
  return (await res.json()) as ViewerRoutes[R];
}

/** `/api/sessions/<id>`, `/api/runs/<id>`: an id put into a path. */
export const withId = (prefix: string, id: string): string => `${prefix}/${encodeURIComponent(id)}`;
