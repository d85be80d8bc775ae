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

/** Where the character scan is, carried from one chunk to the next. */
interface ScanState {
  depth: number;
  inString: boolean;
  escaped: boolean;
}

const quote = 34;
const backslash = 92;
/** A depth the scan never stops at. */
const never = -1;

/**
 * The hot loop, kept apart from parsing and `onItem`, with no calls in it: V8 then optimises it
 * once, small. Written inside the scanner's `push`, it was compiled eight times on 10,000 pods,
 * together with everything `onItem` inlined (it deoptimised where a chunk ended), and the
 * compilers' memory was ~5 MB of the list's peak RSS (bench/k8s-memory.ts).
 * Returns the index of the brace or bracket that took the depth to `openAt` or `closeAt`, or the
 * text's length when none did.
 */
function scanTo(text: string, from: number, state: ScanState, openAt: number, closeAt: number): number {
  let { depth, inString, escaped } = state;
  let index = from;
  for (; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (inString) {
      if (escaped) escaped = false;
      else if (code === backslash) escaped = true;
      else if (code === quote) inString = false;
    } else if (code === quote) inString = true;
    else if (code === 123 || code === 91) {
      if (++depth === openAt) break; // { [
    } else if (code === 125 || code === 93) {
      if (--depth === closeAt) break; // } ]
    }
  }
  state.depth = depth;
  state.inString = inString;
  state.escaped = escaped;
  return index;
}

/** A character scanner that tracks strings and nesting; exported for tests that split chunks anywhere. */
export function createListScanner(onItem: (item: unknown) => void) {
  const state: ScanState = { depth: 0, inString: false, escaped: false };
  /** The list with `items` emptied, to parse at the end. */
  let outside = '';
  /** Inside the top-level `items` array: its depth is 2, an item's own braces go deeper. */
  let inItems = false;
  let item = '';
  let itemStarted = false;
  return {
    push(text: string) {
      let from = 0; // start of the slice not yet copied to `outside` or `item`
      let index = 0;
      while (index < text.length) {
        if (itemStarted) {
          const at = scanTo(text, index, state, never, 2);
          if (at === text.length) break;
          onItem(JSON.parse(item + text.slice(from, at + 1)));
          item = '';
          itemStarted = false;
          from = index = at + 1;
        } else if (inItems) {
          const at = scanTo(text, index, state, 3, 1);
          if (at === text.length) break;
          // An item's opening brace, or the bracket closing `items` (it belongs to `outside`).
          itemStarted = state.depth === 3;
          inItems = itemStarted;
          from = at;
          index = at + 1;
        } else {
          const at = scanTo(text, index, state, 2, never);
          if (at === text.length) break;
          index = at + 1;
          if (text.charCodeAt(at) === 91 && /"items"\s*:\s*$/.test(outside + text.slice(from, at))) {
            outside += text.slice(from, index);
            from = index;
            inItems = true;
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
