/**
 * Reads a Kubernetes list (`{"kind":…,"metadata":{…},"items":[{…},…]}`) from its HTTP body as it
 * arrives, handing each item to `onItem` parsed on its own. The page never exists as one string
 * or one parsed tree: on 10,000 pods that is most of a list's memory. Everything outside `items`
 * (kind, metadata with the continue token) is parsed at the end and returned.
 */
export async function readListStream(
  body: AsyncIterable<Uint8Array>,
  onItem: (item: unknown) => void,
): Promise<Record<string, unknown>> {
  const scanner = createListScanner(onItem);
  const decoder = new TextDecoder();
  for await (const chunk of body) scanner.push(decoder.decode(chunk, { stream: true }));
  scanner.push(decoder.decode());
  return scanner.end();
}

const quote = 34;
const backslash = 92;
const open = new Set([123, 91]); // { [
const close = new Set([125, 93]); // } ]

/** A character scanner that tracks strings and nesting; exported for tests that split chunks anywhere. */
export function createListScanner(onItem: (item: unknown) => void) {
  let depth = 0;
  let inString = false;
  let escaped = false;
  /** The list with `items` emptied, to parse at the end. */
  let outside = '';
  /** Inside the top-level `items` array: its depth is 2, an item's own braces go deeper. */
  let inItems = false;
  let item = '';
  let itemStarted = false;
  return {
    push(text: string) {
      let from = 0; // start of the slice not yet copied to `outside` or `item`
      for (let index = 0; index < text.length; index++) {
        const code = text.charCodeAt(index);
        if (inString) {
          if (escaped) escaped = false;
          else if (code === backslash) escaped = true;
          else if (code === quote) inString = false;
          continue;
        }
        if (code === quote) inString = true;
        else if (open.has(code)) {
          depth++;
          if (depth === 2 && code === 91 && /"items"\s*:\s*$/.test(outside + text.slice(from, index))) {
            outside += text.slice(from, index + 1);
            from = index + 1;
            inItems = true;
          } else if (inItems && depth === 3) {
            from = index;
            itemStarted = true;
          }
        } else if (close.has(code)) {
          depth--;
          if (inItems && depth === 2 && itemStarted) {
            onItem(JSON.parse(item + text.slice(from, index + 1)));
            item = '';
            itemStarted = false;
            from = index + 1;
          } else if (inItems && depth === 1) {
            inItems = false;
            from = index; // the closing bracket belongs to `outside`
          }
        }
      }
      if (inItems) {
        if (itemStarted) item += text.slice(from);
      } else outside += text.slice(from);
    },
    end(): Record<string, unknown> {
      return JSON.parse(outside) as Record<string, unknown>;
    },
  };
}
