// A tiny XML writer for the fakes: AWS query, EC2 query and S3 REST/XML responses are all
// plain element trees, so a value tree rendered recursively is enough.

const RAW = Symbol('raw-xml');

export interface XmlRaw {
  [RAW]: string;
}
export type XmlValue = string | number | boolean | Date | null | undefined | XmlRaw | XmlNode | XmlValue[];
export interface XmlNode {
  [element: string]: XmlValue;
}

export function escapeXml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&apos;');
}

function isRaw(value: object): value is XmlRaw {
  return RAW in value;
}

/** Renders `{ a: 1, b: { c: 'x' } }` as `<a>1</a><b><c>x</c></b>`; undefined members are omitted. */
export function xmlBody(node: XmlNode): string {
  let out = '';
  for (const [name, value] of Object.entries(node)) out += xmlElement(name, value);
  return out;
}

/** Arrays render EC2-style (`<name><item>..</item></name>`); use `xmlList` for other member names. */
export function xmlElement(name: string, value: XmlValue): string {
  if (value === undefined) return '';
  if (value === null) return `<${name}/>`;
  if (value instanceof Date) return `<${name}>${value.toISOString()}</${name}>`;
  if (Array.isArray(value))
    return `<${name}>${value.map((item) => xmlElement('item', item)).join('')}</${name}>`;
  if (typeof value === 'object') {
    return `<${name}>${isRaw(value) ? value[RAW] : xmlBody(value)}</${name}>`;
  }
  return `<${name}>${escapeXml(String(value))}</${name}>`;
}

/** The children of a list whose items use a given element name (`member`, `DBInstance`, `Bucket`). */
export function xmlList(itemName: string, items: XmlValue[]): XmlRaw {
  return { [RAW]: items.map((item) => xmlElement(itemName, item)).join('') };
}

export function xmlDocument(root: string, namespace: string, inner: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<${root} xmlns="${namespace}">${inner}</${root}>`;
}
