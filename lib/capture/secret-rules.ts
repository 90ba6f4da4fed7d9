/** A key split into lowercase words (`openaiKey` → `openai key`, `access_key_id` → `access key id`). */
export interface KeyWords {
  readonly words: readonly string[];
  /** The words run together (`apikey`), for rules about word parts. */
  readonly joined: string;
  readonly last: string;
}

/** Splits a key on case changes and on anything that is not a letter or digit. */
export function keyWords(key: string): KeyWords {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== '');
  return { words, joined: words.join(''), last: words[words.length - 1] ?? '' };
}

const hasPair = (k: KeyWords, a: string, b: string): boolean =>
  k.words.some((w, i) => w === a && k.words[i + 1] === b);

/** Words before a final `key` that make it an ordinary key, not a secret one. */
const PLAIN_KEY_QUALIFIERS = new Set([
  'sort',
  'partition',
  'primary',
  'foreign',
  'cache',
  'idempotency',
  'dedup',
  'dedupe',
  'lookup',
  'map',
  'hash',
  'row',
  'group',
  'routing',
  'shard',
  'object',
  'react',
  'unique',
]);

/**
 * The default key rules, by name (`disable: ['pin']` turns one off). Each looks at a key's words,
 * so `authHeader`, `auth_header` and `AUTH-HEADER` are the same key. LLM counters stay visible:
 * `max_tokens`, `total_tokens`, `token_count`, `pass_rate`.
 */
export const KEY_RULES: Readonly<Record<string, (k: KeyWords) => boolean>> = Object.freeze({
  password: (k) =>
    /passw(or)?d|passphrase/.test(k.joined) ||
    k.words.includes('pwd') ||
    (k.last === 'pass' && k.words.length <= 2),
  secret: (k) => k.joined.includes('secret'),
  token: (k) => k.last === 'token' || k.joined === 'tokens' || k.joined.endsWith('apitoken'),
  apiKey: (k) => k.joined.includes('apikey'),
  key: (k) =>
    (k.last === 'key' && !PLAIN_KEY_QUALIFIERS.has(k.words[k.words.length - 2] ?? '')) ||
    hasPair(k, 'access', 'key') ||
    hasPair(k, 'private', 'key') ||
    hasPair(k, 'secret', 'key'),
  auth: (k) => k.words.some((w) => w === 'auth' || w === 'authorization' || w === 'oauth'),
  bearer: (k) => k.words.includes('bearer'),
  jwt: (k) => k.words.includes('jwt'),
  cookie: (k) => k.joined.includes('cookie'),
  credential: (k) => k.joined.includes('credential'),
  signature: (k) => k.words.includes('signature') || k.words.includes('sig'),
  connectionString: (k) => hasPair(k, 'connection', 'string') || k.words.includes('dsn'),
  pin: (k) => k.last === 'pin' && k.words.length <= 2,
  otp: (k) => k.words.includes('otp') || k.words.includes('totp'),
  iban: (k) => k.words.includes('iban'),
  card: (k) =>
    hasPair(k, 'credit', 'card') || hasPair(k, 'card', 'number') || k.joined === 'cvv' || k.joined === 'ssn',
});

/** A rule that masks secrets inside a string, whatever key it is under. */
export interface ValueRule {
  readonly pattern: RegExp;
  /** What a match becomes (a `String.replace` replacement); default `[REDACTED]`. */
  readonly replace?: string;
  /** Literal text every match contains: a cheap test before the pattern runs (default rules). */
  readonly trigger?: string;
}

/**
 * The default value rules, by name. Each masks only the secret: `Bearer abc…` keeps `Bearer`,
 * `postgres://user:pw@host/db` keeps the URL and masks the password.
 */
export const VALUE_RULES: Readonly<Record<string, ValueRule>> = Object.freeze({
  // a credential, not a word: past its first character it has a digit, a capital or a symbol
  bearer: {
    pattern:
      /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-](?=[A-Za-z0-9._~+/=-]*[0-9A-Z._~+/=-])[A-Za-z0-9._~+/=-]{7,}/g,
    replace: '$1 [REDACTED]',
    trigger: 'Bearer|Basic',
  },
  urlCredentials: {
    pattern: /(\b[a-z][a-z0-9+.-]*:\/\/[^\s/@:]+:)([^\s/@]+)(@)/gi,
    replace: '$1[REDACTED]$3',
    trigger: '://',
  },
  openaiKey: { pattern: /\bsk-[A-Za-z0-9_-]{16,}/g, trigger: 'sk-' },
  awsAccessKey: { pattern: /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/g, trigger: 'AKIA|ASIA' },
  jwt: { pattern: /\beyJ[\w-]{5,}\.eyJ[\w-]{5,}\.[\w-]*/g, trigger: 'eyJ' },
  privateKey: {
    pattern: /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z ]*PRIVATE KEY-----|$)/g,
    trigger: 'PRIVATE KEY',
  },
});
