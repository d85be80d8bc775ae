/** Byte length as UTF-8, which is what the budget counts. */
export function byteLength(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

export interface FitResult {
  text: string;
  truncated: boolean;
}

/**
 * Cuts text to the budget on a line boundary and says so, with how to get the rest:
 * a silent cut would let the model believe it saw everything.
 */
export function fitToBudget(text: string, budgetBytes: number, howToGetMore: string): FitResult {
  if (byteLength(text) <= budgetBytes) return { text, truncated: false };
  const lines = text.split('\n');
  const kept: string[] = [];
  let used = 0;
  let dropped = 0;
  // Room for the notice and for closing tags of fences the cut may leave open.
  const reserve = 300 + byteLength(howToGetMore);
  for (const [index, line] of lines.entries()) {
    const size = byteLength(line) + 1;
    if (used + size > budgetBytes - reserve) {
      dropped = lines.length - index;
      break;
    }
    kept.push(line);
    used += size;
  }
  if (kept.length === 0) {
    // A single enormous line: cut it by characters rather than return nothing.
    kept.push(sliceToBytes(lines[0] ?? '', Math.max(0, budgetBytes - reserve)));
    dropped = lines.length - 1;
  }
  const closed = closeOpenFences(kept);
  // The closing tags put back were among the dropped lines: they are shown after all.
  const hidden = dropped - (closed.length - kept.length);
  const notice = `[truncated: ${hidden} more line(s) not shown, output budget ${budgetBytes} bytes. ${howToGetMore}]`;
  return { text: `${closed.join('\n')}\n${notice}`, truncated: true };
}

const fenceOpen = /^<untrusted-data id="([0-9a-f]+)"/;
const fenceClose = /^<\/untrusted-data id="([0-9a-f]+)">$/;

/**
 * A cut that lands inside an untrusted-data block would leave it open, and everything after it
 * (our truncation notice included) would read as part of the untrusted text. Close what is open.
 */
function closeOpenFences(lines: string[]): string[] {
  const open: string[] = [];
  for (const line of lines) {
    const opened = fenceOpen.exec(line)?.[1];
    if (opened) open.push(opened);
    const closed = fenceClose.exec(line)?.[1];
    if (closed && open.at(-1) === closed) open.pop();
  }
  return [...lines, ...open.reverse().map((id) => `</untrusted-data id="${id}">`)];
}

/** The longest prefix within `maxBytes` of UTF-8 that ends on a whole code point. */
export function sliceToBytes(text: string, maxBytes: number): string {
  const buffer = Buffer.from(text, 'utf8');
  if (buffer.length <= maxBytes) return text.toWellFormed();
  // Back up over continuation bytes (10xxxxxx) to the start of the character the limit cut into.
  let end = Math.max(0, maxBytes);
  while (end > 0 && ((buffer[end] ?? 0) & 0xc0) === 0x80) end -= 1;
  return buffer.subarray(0, end).toString('utf8');
}
