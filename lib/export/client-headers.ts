import { VERSION } from '../version';

/** Headers every request to the backend carries. The API key never leaves this function's result. */
export function clientHeaders(apiKey: string | undefined, source: string): Record<string, string> {
  const h: Record<string, string> = {
    'X-Source': source,
    'hh-client-language': 'typescript',
    'hh-client-package': 'hivetrace',
    'hh-client-version': VERSION,
  };
  if (apiKey) h.Authorization = `Bearer ${apiKey}`;
  return h;
}
