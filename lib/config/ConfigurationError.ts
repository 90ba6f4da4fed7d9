/** One invalid configuration field and why it was rejected. */
export interface ConfigurationIssue {
  /** The option's camelCase name, e.g. `apiKey`. */
  readonly field: string;
  /** Why the value was rejected. */
  readonly reason: string;
}

/**
 * Thrown by `HoneyHiveTracer.init` / `new HoneyHiveTracer` when configuration passed in code is
 * invalid. It lists every bad field at once, so a user fixes them in one go.
 *
 * @example
 * try { HoneyHiveTracer.init({}) } catch (e) { if (e instanceof ConfigurationError) console.log(e.fields) }
 */
export class ConfigurationError extends Error {
  /** Every rejected field, in the order found. */
  readonly issues: readonly ConfigurationIssue[];

  constructor(issues: readonly ConfigurationIssue[]) {
    super(`Invalid hivetrace configuration: ${issues.map((i) => `${i.field}: ${i.reason}`).join('; ')}`);
    this.name = 'ConfigurationError';
    this.issues = issues;
  }

  /** The names of the rejected fields. */
  get fields(): string[] {
    return this.issues.map((i) => i.field);
  }
}
