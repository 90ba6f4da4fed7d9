import type { ConventionsResponse } from '../viewer-api';

/** What every page may read: the event fields to show and whether costs are priced. */
export interface ViewerContext {
  conventions: ConventionsResponse;
  /** The hash route's query (`#/?project=x` → `project=x`). */
  params: URLSearchParams;
  /** Where the page draws. */
  root: HTMLElement;
}

/**
 * A page draws itself into `root` and may hand back a refresh: called when the collector's data
 * changed (live refresh), it redraws what the data shows, keeping the controls and selection.
 */
export type Page = (ctx: ViewerContext) => Promise<(() => Promise<void>) | void>;

/** Navigates within the viewer (a hash route, so every view has a URL). */
export function go(route: string): void {
  location.hash = `#${route}`;
}
