/**
 * The viewer's one way to make DOM: every captured value becomes a text node or an attribute
 * value, never markup, so nothing a span carried can run as code.
 */

/** What an element is given: attributes, `className`, and event handlers (`on<event>`). */
export type Attrs = Record<string, string | number | boolean | null | undefined | ((e: Event) => void)>;

/** A child: a node, text (anything else is shown as text), or nothing. */
export type Child = Node | string | number | null | undefined | false;

/** Creates an element with attributes, handlers and children (text as text nodes). */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (typeof v === 'function') node.addEventListener(k.slice(2), v);
    else if (k === 'className') node.className = String(v);
    else node.setAttribute(k, v === true ? '' : String(v));
  }
  append(node, children);
  return node;
}

/** Appends children, text as text nodes. */
export function append(node: Node & ParentNode, children: readonly Child[]): void {
  for (const c of children)
    if (c !== null && c !== undefined && c !== false)
      node.append(c instanceof Node ? c : document.createTextNode(String(c)));
}

/** Creates an SVG element; `text` is set as text. */
export function svg(
  tag: string,
  attrs: Record<string, string | number> = {},
  text?: string | number,
): SVGElement {
  const node: SVGElement = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (text !== undefined) node.textContent = String(text);
  return node;
}

/** An id shown in full with a button that copies it (keyboard reachable). */
export function copyable(id: string | null | undefined, label: string): HTMLElement {
  if (!id) return el('span', { className: 'muted' }, '—');
  const button = el(
    'button',
    {
      type: 'button',
      className: 'copy',
      title: `Copy ${label}`,
      'aria-label': `Copy ${label} ${id}`,
      'data-copy': id,
      onclick: (e) => {
        e.stopPropagation();
        void navigator.clipboard?.writeText(id).then(
          () => (button.textContent = 'Copied'),
          () => (button.textContent = 'Select and copy'),
        );
      },
    },
    'Copy',
  );
  return el('span', { className: 'id' }, el('code', {}, id), button);
}

/** A titled box; `body` is shown as is. */
export function panel(title: string, key: string, ...body: Child[]): HTMLElement {
  return el('section', { className: 'panel', 'data-panel': key }, el('h3', {}, title), ...body);
}

/** A value as indented JSON text, in a scrollable block. */
export function jsonBlock(value: unknown): HTMLElement {
  return el(
    'pre',
    {},
    isEmpty(value) ? '—' : typeof value === 'string' ? value : JSON.stringify(value, null, 2),
  );
}

/** Nothing, or an empty object or array. */
export function isEmpty(v: unknown): boolean {
  return v === null || v === undefined || (typeof v === 'object' && Object.keys(v).length === 0);
}

/** A table with a header row; rows are given built. */
export function table(
  id: string,
  headers: readonly Child[],
  rows: readonly HTMLElement[],
  empty: string,
): HTMLElement {
  return el(
    'table',
    { id },
    el(
      'thead',
      {},
      el(
        'tr',
        {},
        ...headers.map((h) =>
          h instanceof HTMLElement && h.tagName === 'TH' ? h : el('th', { scope: 'col' }, h),
        ),
      ),
    ),
    el(
      'tbody',
      {},
      ...(rows.length
        ? rows
        : [el('tr', {}, el('td', { colspan: headers.length, className: 'muted empty' }, empty))]),
    ),
  );
}
