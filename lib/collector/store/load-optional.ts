/**
 * The collector's own dependencies are optional peers: an application that only traces never
 * installs them. They are loaded on first use, with a message that says what to install.
 */
export class MissingDependencyError extends Error {
  constructor(
    /** The package to install. */
    readonly dependency: string,
    cause: unknown,
  ) {
    super(
      `The hivetrace local collector needs "${dependency}". Install it next to hivetrace: npm install ${dependency}`,
    );
    this.name = 'MissingDependencyError';
    (this as { cause?: unknown }).cause = cause;
  }
}

/** Requires an optional dependency or throws `MissingDependencyError` naming it. */
export function requireOptional<T>(name: string): T {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require(name) as T;
  } catch (err) {
    throw new MissingDependencyError(name, err);
  }
}
