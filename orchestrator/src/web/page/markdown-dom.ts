import { type MdNode, markdownTree } from './markdown.js';

/** Markdown as DOM: elements from the safe tree, every piece of text a text node. */
export function renderMarkdown(text: string): HTMLElement {
  const root = document.createElement('div');
  root.className = 'md';
  for (const node of markdownTree(text)) root.append(toDom(node));
  return root;
}

function toDom(node: MdNode): Node {
  if (typeof node === 'string') return document.createTextNode(node);
  const element = document.createElement(node.tag);
  if (node.tag === 'a' && node.href !== undefined) {
    const link = element as HTMLAnchorElement;
    link.href = node.href;
    link.rel = 'noopener noreferrer';
    link.target = '_blank';
  }
  if (node.align !== undefined) element.className = `align-${node.align}`;
  // A wide table scrolls inside its own box instead of widening the whole answer.
  if (node.tag === 'table') {
    const wrapper = document.createElement('div');
    wrapper.className = 'table-wrap';
    wrapper.append(element);
    for (const child of node.children) element.append(toDom(child));
    return wrapper;
  }
  for (const child of node.children) element.append(toDom(child));
  return element;
}
