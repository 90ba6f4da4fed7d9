/** One attribute key and the keys below it. */
export interface KeyNode {
  readonly key: string;
  children: Map<string | number, KeyNode> | undefined;
}

/**
 * Attribute keys (`honeyhive_inputs.doc.sections.3.body`) built once and reused across calls.
 * A key string that was used before is already hashed and internalized by V8, so setting it on
 * the next span costs a lookup instead of building, hashing and interning a new string: on a
 * 10 KB argument with ~250 keys that is most of the capture time. Bounded: past `max` entries,
 * new keys are built as before and not kept (so keys made of ids cannot grow it without limit).
 */
export class KeyCache {
  private size = 0;
  private readonly roots = new Map<string, KeyNode>();

  constructor(private readonly max = 20_000) {}

  /** The node of a top-level key (a namespace or `namespace.param`). */
  root(prefix: string): KeyNode {
    let node = this.roots.get(prefix);
    if (node === undefined) {
      node = { key: prefix, children: undefined };
      if (this.size < this.max) {
        this.roots.set(prefix, node);
        this.size++;
      }
    }
    return node;
  }

  /** The node of `parent.part`. */
  child(parent: KeyNode, part: string | number): KeyNode {
    let node = parent.children?.get(part);
    if (node !== undefined) return node;
    node = { key: `${parent.key}.${part}`, children: undefined };
    if (this.size < this.max) {
      (parent.children ??= new Map()).set(part, node);
      this.size++;
    }
    return node;
  }
}
