/**
 * class-validator's decorators are legacy property decorators. hivetrace itself compiles with
 * Stage-3 decorators, so the rules are applied by calling those decorator factories directly:
 * the same metadata class-validator would record, with no dependency on the compiler mode.
 */
type PropertyRule = (target: object, propertyName: string) => void;

/**
 * Registers class-validator rules for every property of `cls` (all keys are required, so a new
 * field cannot be forgotten) and returns the field names.
 */
export function defineRules<T>(
  cls: abstract new (...args: never[]) => T,
  rules: { [K in keyof Required<T>]: PropertyRule[] },
): ReadonlyArray<keyof T & string> {
  for (const [name, list] of Object.entries<PropertyRule[]>(rules)) {
    for (const rule of list) rule(cls.prototype as object, name);
  }
  return Object.freeze(Object.keys(rules)) as ReadonlyArray<keyof T & string>;
}
