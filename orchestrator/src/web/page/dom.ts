// Element helpers: text goes in through textContent only, attributes are the page's own constants.

type Child = Node | string;

export interface ElementOptions {
  className?: string;
  text?: string;
  attrs?: Record<string, string>;
}

export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  options: ElementOptions = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (options.className) node.className = options.className;
  if (options.text !== undefined) node.textContent = options.text;
  for (const [name, value] of Object.entries(options.attrs ?? {})) node.setAttribute(name, value);
  node.append(...children);
  return node;
}

export function byId<T extends HTMLElement>(id: string): T {
  const node = document.getElementById(id);
  if (node === null) throw new Error(`the page has no #${id}`);
  return node as T;
}

const shownTypes = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);

/** An <img> for an image from a tool; `undefined` for any type but the common raster ones. */
export function imageElement(image: { mimeType: string; data: string }, alt: string) {
  if (!shownTypes.has(image.mimeType) || !/^[A-Za-z0-9+/=\s]*$/.test(image.data)) return undefined;
  return el('img', { attrs: { alt, src: `data:${image.mimeType};base64,${image.data.replace(/\s/g, '')}` } });
}

/** Text cut to `max` characters between code points (half an emoji shows as a box). */
export function short(value: unknown, max: number): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  if (text.length <= max) return text;
  let end = max - 1;
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end -= 1;
  return `${text.slice(0, end)}\u2026`;
}

export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
