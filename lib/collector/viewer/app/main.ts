import { get } from './api.js';
import { el } from './dom.js';
import { comparePage } from './compare-page.js';
import { runPage } from './run-page.js';
import { runsPage } from './runs-page.js';
import { sessionPage } from './session-page.js';
import { sessionsPage } from './sessions-page.js';
import type { Page, ViewerContext } from './state.js';
import type { ConventionsResponse } from '../viewer-api';

/** How often the collector is asked whether anything changed (live refresh). */
const POLL_MS = 1500;

const root = document.getElementById('app')!;
const live = document.getElementById('live') as HTMLInputElement;
let conventions: ConventionsResponse | undefined;
let refresh: (() => Promise<void>) | void;
let revision = -1;
let routing = 0;

/** The page a hash route names, and its own part of the route. */
function pageOf(path: string): { page: Page; id?: string } {
  const after = (prefix: string): string => decodeURIComponent(path.slice(prefix.length));
  if (path.startsWith('/session/')) return { page: sessionPage, id: after('/session/') };
  if (path === '/runs') return { page: runsPage };
  if (path.startsWith('/run/')) return { page: runPage, id: after('/run/') };
  if (path === '/compare') return { page: comparePage };
  return { page: sessionsPage };
}

async function route(): Promise<void> {
  const mine = ++routing;
  const hash = location.hash.replace(/^#/, '') || '/';
  const [path = '/', query = ''] = hash.split('?');
  const params = new URLSearchParams(query);
  const { page, id } = pageOf(path);
  if (id !== undefined) params.set('id', id);
  document.querySelectorAll('header nav a').forEach((a) => {
    const runs = path === '/runs' || path.startsWith('/run/') || path === '/compare';
    a.toggleAttribute('aria-current', (a.id === 'nav-runs') === runs);
  });
  try {
    conventions ??= await get('/api/conventions', '/api/conventions');
    const ctx: ViewerContext = { conventions, params, root };
    const next = await page(ctx);
    if (mine === routing) refresh = next;
  } catch (err) {
    if (mine === routing) {
      refresh = undefined;
      root.replaceChildren(
        el('p', { className: 'err', role: 'alert' }, `Could not load: ${(err as Error).message}`),
      );
    }
  }
}

/** Asks the collector for its revision; when it moved, the page redraws its data. */
async function poll(): Promise<void> {
  try {
    if (live.checked && document.visibilityState === 'visible') {
      const { revision: now } = await get('/api/revision', '/api/revision');
      if (revision !== -1 && now !== revision && refresh) await refresh();
      revision = now;
    }
  } catch {
    /* the collector is restarting: try again on the next tick */
  }
  setTimeout(() => void poll(), POLL_MS);
}

window.addEventListener('hashchange', () => void route());
void route();
void poll();
