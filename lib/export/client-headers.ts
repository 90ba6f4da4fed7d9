import { VERSION } from '../version';

/** The header (lower-case) naming the sending package, and hivetrace's value of it. */
export const OWN_CLIENT_HEADER = 'hh-client-package';
export const OWN_CLIENT_PACKAGE = 'hivetrace';

/** Headers every request to the backend carries. The API key never leaves this function's result. */
export function clientHeaders(apiKey: string | undefined, source: string): Record<string, string> {
  const h: Record<string, string> = {
    'X-Source': source,
    'hh-client-language': 'typescript',
    [OWN_CLIENT_HEADER]: OWN_CLIENT_PACKAGE,
    'hh-client-version': VERSION,
  };
  if (apiKey) h.Authorization = `Bearer ${apiKey}`;
  return h;
}
