/** Bounds applied whenever a value is captured onto a span. */
export interface CaptureLimits {
  /** Deepest nesting flattened into separate attributes; deeper values become a bounded JSON string. */
  maxDepth: number;
  /** Attributes written per namespace (e.g. `honeyhive_inputs`) per call; the rest is summarised. */
  maxAttributesPerNamespace: number;
  /** Longest string kept, in characters; longer strings are cut and marked. */
  maxStringLength: number;
  /**
   * Longest JSON string an object or array argument (or result) is captured as, in characters:
   * the walk stops there and marks what it left out, so the JSON stays valid.
   */
  maxJsonLength: number;
  /** Bytes (UTF-16 code units, as an estimate) of captured values per span. */
  maxBytesPerSpan: number;
  /** Array items / object keys visited per container before the rest is summarised. */
  maxItemsPerContainer: number;
}

/** A value rule of your own: a pattern (made global if it is not) and what a match becomes. */
export type ValueRuleOption = RegExp | { pattern: RegExp; replace?: string };

/**
 * Redaction of secrets, on by default: by key (values under keys that look like secrets) and by
 * value (bearer tokens, credentials in URLs, well-known key shapes, whatever the key).
 */
export interface RedactionOptions {
  /** Set false to capture secrets as they are. Default true. */
  enabled?: boolean;
  /** Extra key patterns (a string matches case-insensitively as a substring). */
  patterns?: ReadonlyArray<string | RegExp>;
  /** Same as `patterns` (the name API.md uses). */
  keys?: ReadonlyArray<string | RegExp>;
  /** Extra value rules: matches inside any captured string are replaced (default `[REDACTED]`). */
  values?: ReadonlyArray<ValueRuleOption>;
  /**
   * Default rules to turn off, by name. Key rules: password, secret, token, apiKey, key, auth,
   * bearer, jwt, cookie, credential, signature, connectionString, pin, otp, iban, card. Value
   * rules: value:bearer, value:urlCredentials, value:openaiKey, value:awsAccessKey, value:jwt,
   * value:privateKey.
   */
  disable?: readonly string[];
  /**
   * Decide per key: return `true` to redact, `false` to keep, `undefined` for the default rule.
   * A throwing function is treated as `undefined`.
   */
  shouldRedact?: (key: string, path: readonly string[]) => boolean | undefined;
}

/** How values are captured: limits and redaction, set per tracer. */
export interface CaptureOptions {
  /** Overrides of the default limits. */
  limits?: Partial<CaptureLimits>;
  /** `false` disables redaction; an object tunes it. */
  redaction?: boolean | RedactionOptions;
  /** Default for decorators: capture arguments. Default true. */
  captureInputs?: boolean;
  /** Default for decorators: capture return values. Default true. */
  captureOutputs?: boolean;
  /**
   * Read getters and look inside Proxies when capturing. Default false: capture reads own data
   * properties only and records `[Getter]` / `[Proxy]`, so tracing never runs user code.
   */
  invokeGetters?: boolean;
}

/** The limits hivetrace uses when none are configured. */
export const DEFAULT_CAPTURE_LIMITS: Readonly<CaptureLimits> = Object.freeze({
  maxDepth: 8,
  maxAttributesPerNamespace: 256,
  maxStringLength: 4096,
  maxJsonLength: 16_384,
  maxBytesPerSpan: 256 * 1024,
  maxItemsPerContainer: 100,
});
