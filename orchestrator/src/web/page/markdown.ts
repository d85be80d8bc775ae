// Markdown to a plain tree of allowed elements and text, from marked's lexer (never its HTML renderer).
// Safe by construction: the tree can only hold the tags below, text stays text (raw HTML included), and a
// link keeps its href only when it is an absolute http(s) URL. The DOM is built from it in markdown-dom.ts.
import { Lexer, type Token, type Tokens } from 'marked';

export type MdTag =
  | 'p'
  | 'h1'
  | 'h2'
  | 'h3'
  | 'h4'
  | 'h5'
  | 'h6'
  | 'ul'
  | 'ol'
  | 'li'
  | 'pre'
  | 'code'
  | 'blockquote'
  | 'hr'
  | 'table'
  | 'thead'
  | 'tbody'
  | 'tr'
  | 'th'
  | 'td'
  | 'strong'
  | 'em'
  | 'del'
  | 'a'
  | 'br';

export interface MdElement {
  tag: MdTag;
  children: MdNode[];
  /** Only on `a`, and only an absolute http(s) URL. */
  href?: string;
  /** Only on `th` and `td`. */
  align?: 'left' | 'center' | 'right';
}

export type MdNode = string | MdElement;

/** The tree of `text` read as GitHub-flavoured Markdown. */
export function markdownTree(text: string): MdNode[] {
  return blocks(new Lexer({ gfm: true, breaks: true }).lex(text));
}

/** `href` when it is an absolute http(s) URL, normalised; nothing else is ever linked. */
export function safeHref(href: string): string | undefined {
  try {
    const url = new URL(href);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

const element = (tag: MdTag, children: MdNode[] = []): MdElement => ({ tag, children });

function blocks(tokens: Token[]): MdNode[] {
  return tokens.flatMap(block);
}

function block(token: Token): MdNode[] {
  switch (token.type) {
    case 'space':
    case 'def':
      return [];
    case 'code':
      return [element('pre', [element('code', [(token as Tokens.Code).text])])];
    case 'heading': {
      const heading = token as Tokens.Heading;
      return [element(`h${Math.min(Math.max(heading.depth, 1), 6)}` as MdTag, inline(heading.tokens))];
    }
    case 'paragraph':
      return [element('p', inline((token as Tokens.Paragraph).tokens))];
    case 'text': {
      const text = token as Tokens.Text;
      return text.tokens ? inline(text.tokens) : [text.text];
    }
    case 'blockquote':
      return [element('blockquote', blocks((token as Tokens.Blockquote).tokens))];
    case 'hr':
      return [element('hr')];
    case 'list':
      return [list(token as Tokens.List)];
    case 'table':
      return [table(token as Tokens.Table)];
    case 'checkbox':
      return [(token as Tokens.Checkbox).checked ? '\u2611 ' : '\u2610 '];
    case 'html':
      // Raw HTML is shown as the text it is.
      return [element('p', [(token as Tokens.HTML).text])];
    default:
      return 'raw' in token && typeof token.raw === 'string' ? [token.raw] : [];
  }
}

function list(token: Tokens.List): MdElement {
  const items = token.items.map((item) => element('li', blocks(item.tokens)));
  return element(token.ordered ? 'ol' : 'ul', items);
}

function table(token: Tokens.Table): MdElement {
  const cell = (tag: 'th' | 'td', value: Tokens.TableCell): MdElement => ({
    ...element(tag, inline(value.tokens)),
    ...(value.align ? { align: value.align } : {}),
  });
  const head = element('thead', [
    element(
      'tr',
      token.header.map((value) => cell('th', value)),
    ),
  ]);
  const rows = token.rows.map((row) =>
    element(
      'tr',
      row.map((value) => cell('td', value)),
    ),
  );
  return element('table', [head, element('tbody', rows)]);
}

function inline(tokens: Token[] | undefined): MdNode[] {
  return (tokens ?? []).flatMap(inlineToken);
}

function inlineToken(token: Token): MdNode[] {
  switch (token.type) {
    case 'text': {
      const text = token as Tokens.Text;
      return text.tokens ? inline(text.tokens) : [text.text];
    }
    case 'escape':
      return [(token as Tokens.Escape).text];
    case 'strong':
    case 'em':
    case 'del':
      return [element(token.type, inline((token as Tokens.Strong).tokens))];
    case 'codespan':
      return [element('code', [(token as Tokens.Codespan).text])];
    case 'br':
      return [element('br')];
    case 'link':
      return [link(token as Tokens.Link)];
    case 'image': {
      // Pictures from elsewhere are not loaded (the CSP would refuse them too): a link to one, at most.
      const image = token as Tokens.Image;
      const label = `[image: ${image.text || image.href}]`;
      const href = safeHref(image.href);
      return href ? [{ tag: 'a', href, children: [label] }] : [label];
    }
    default:
      // Inline HTML (`tag`/`html`) and anything unknown: its source, as text.
      return 'raw' in token && typeof token.raw === 'string' ? [token.raw] : [];
  }
}

function link(token: Tokens.Link): MdNode {
  const children = inline(token.tokens);
  const href = safeHref(token.href);
  // A link to anything but http(s) (javascript:, data:, relative) keeps its words and loses its target.
  return href ? { tag: 'a', href, children } : { tag: 'em', children };
}
