import { describe, expect, it } from 'vitest';
import { type MdElement, type MdNode, markdownTree, safeHref } from './markdown.js';

const allowed = new Set([
  ...['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'li', 'pre', 'code', 'blockquote', 'hr'],
  ...['table', 'thead', 'tbody', 'tr', 'th', 'td', 'strong', 'em', 'del', 'a', 'br'],
]);

function elements(nodes: MdNode[]): MdElement[] {
  return nodes.flatMap((node) => (typeof node === 'string' ? [] : [node, ...elements(node.children)]));
}

function text(nodes: MdNode[]): string {
  return nodes.map((node) => (typeof node === 'string' ? node : text(node.children))).join('');
}

const find = (nodes: MdNode[], tag: string) => elements(nodes).filter((node) => node.tag === tag);

describe('the web page Markdown', () => {
  it('renders a GFM table with inline formatting and alignment', () => {
    const tree = markdownTree('| pod | restarts |\n|---|--:|\n| **ledger** | 12 |');
    const [table] = find(tree, 'table');
    expect(find([table!], 'th').map((cell) => text(cell.children))).toEqual(['pod', 'restarts']);
    expect(find([table!], 'td').map((cell) => text(cell.children))).toEqual(['ledger', '12']);
    expect(find([table!], 'strong')).toHaveLength(1);
    expect(find([table!], 'td')[1]?.align).toBe('right');
  });

  it('keeps code blocks, lists and headings', () => {
    const tree = markdownTree('## Pods\n\n1. one\n2. two\n\n```yaml\nkind: Pod\n```');
    expect(find(tree, 'h2')).toHaveLength(1);
    expect(find(tree, 'li').map((item) => text(item.children))).toEqual(['one', 'two']);
    expect(text(find(tree, 'code'))).toBe('kind: Pod');
  });

  it('shows script tags and other HTML as text, never as elements', () => {
    const tree = markdownTree('<script>alert(1)</script>\n\nhi <img src=x onerror=alert(1)> <b>bold</b>');
    for (const node of elements(tree)) expect(allowed.has(node.tag)).toBe(true);
    expect(text(tree)).toContain('<script>alert(1)</script>');
    expect(text(tree)).toContain('<img src=x onerror=alert(1)>');
  });

  it('treats HTML inside table cells as text', () => {
    const tree = markdownTree('| a |\n|---|\n| <a href="javascript:x">c</a><svg onload=alert(1)> |');
    expect(find(tree, 'a')).toEqual([]);
    expect(text(find(tree, 'td'))).toContain('<svg onload=alert(1)>');
  });

  it('links only absolute http(s) URLs; javascript:, data: and relative links lose their target', () => {
    const tree = markdownTree(
      '[ok](https://example.com/a?b=1) [js](javascript:alert(1)) [JS](JaVaScRiPt:alert(1)) ' +
        '[data](data:text/html,<script>x</script>) [rel](/apps) ![img](javascript:x) <javascript:alert(1)>',
    );
    expect(find(tree, 'a').map((link) => link.href)).toEqual(['https://example.com/a?b=1']);
    expect(text(tree)).toContain('js');
    expect(safeHref(' https://x.io')).toBe('https://x.io/');
    expect(safeHref('vbscript:x')).toBeUndefined();
    expect(safeHref('//evil.example')).toBeUndefined();
  });

  it('links bare URLs (GFM autolinks)', () => {
    expect(find(markdownTree('see https://status.example.com now'), 'a')[0]?.href).toBe(
      'https://status.example.com/',
    );
  });
});
