/** Any callable: decorators wrap functions of every signature. */
export type AnyFunction = (...args: any[]) => any; // eslint-disable-line @typescript-eslint/no-explicit-any
