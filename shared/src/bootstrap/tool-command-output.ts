import type { CallToolResult, Tool } from '@modelcontextprotocol/sdk/types.js';

/** What a call prints: `stdout` for the result, `stderr` for notes and an isError text. */
export interface Printed {
  stdout: string;
  stderr: string;
}

const fenceEnd = /^<\/?untrusted-data id="/;

/**
 * Text form: every item as the model would read it, fences included (they mark what came from
 * the cluster or cloud). JSON form: one parseable document on stdout for `jq` and scripts, the
 * fence ends dropped (no model reads it) and notes such as a truncation on stderr.
 */
export function printResult(result: CallToolResult, output: 'text' | 'json'): Printed {
  const texts = result.content.map((item) =>
    item.type === 'text' ? item.text : `[${item.type}${'mimeType' in item ? ` ${item.mimeType}` : ''}]`,
  );
  if (output === 'text') {
    const text = `${texts.join('\n')}\n`;
    return result.isError ? { stdout: '', stderr: text } : { stdout: text, stderr: '' };
  }
  const documentIndex = texts.findIndex((text) => parsesAsJson(text));
  if (documentIndex < 0 || result.isError) {
    return {
      stdout: `${JSON.stringify({ isError: result.isError === true, text: texts.join('\n') })}\n`,
      stderr: '',
    };
  }
  const notes = texts.filter((text, index) => index !== documentIndex && !fenceEnd.test(text));
  return {
    stdout: `${texts[documentIndex]}\n`,
    stderr: notes.length ? `${notes.join('\n')}\n` : '',
  };
}

function parsesAsJson(text: string): boolean {
  if (!/^\s*[[{]/.test(text)) return false;
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

export function isWriteTool(tool: Tool): boolean {
  return tool.annotations?.readOnlyHint !== true;
}

/** `tools`: one line per tool, write tools marked, names aligned so the titles read as a column. */
export function printToolList(tools: readonly Tool[]): string {
  const width = Math.max(0, ...tools.map((tool) => tool.name.length));
  return tools
    .map((tool) => {
      const mark = isWriteTool(tool) ? '[write] ' : '';
      return `${tool.name.padEnd(width)}  ${mark}${tool.title ?? firstSentence(tool.description ?? '')}\n`;
    })
    .join('');
}

function firstSentence(text: string): string {
  return text.split(/(?<=\.)\s/)[0] ?? text;
}
