// The tools panel: the agent's MCP tools by server, each with its description; a read-only one runs from
// a form made from its schema, straight through the API (no model involved), its result shown below.
import type { Api } from './api.js';
import { el, errorText, imageElement } from './dom.js';
import { schemaForm } from './schema-form.js';
import { formatSeconds } from './tool-card.js';
import type { ToolInfo } from './types.js';

export interface ToolsPanel {
  /** Loads the list (again). */
  load(): Promise<void>;
}

export function createToolsPanel(api: Api, list: HTMLElement, filter: HTMLInputElement): ToolsPanel {
  let tools: ToolInfo[] = [];
  const render = () => {
    const query = filter.value.trim().toLowerCase();
    const shown = tools.filter((tool) => `${tool.name} ${tool.description}`.toLowerCase().includes(query));
    list.replaceChildren(
      ...shown.map((tool) => toolEntry(api, tool)),
      ...(shown.length === 0 ? [el('p', { className: 'hint', text: 'No tool matches.' })] : []),
    );
  };
  filter.addEventListener('input', render);
  return {
    async load() {
      list.replaceChildren(el('p', { className: 'hint', text: 'Loading tools\u2026' }));
      try {
        tools = await api.listTools();
        render();
      } catch (error) {
        list.replaceChildren(el('p', { className: 'msg error', text: `Tools: ${errorText(error)}` }));
      }
    },
  };
}

function toolEntry(api: Api, tool: ToolInfo): HTMLElement {
  const badge = tool.readOnly
    ? el('span', { className: 'badge read', text: 'read-only' })
    : el('span', { className: 'badge write', text: 'changes state' });
  const entry = el(
    'details',
    { className: 'tool-entry' },
    el('summary', {}, el('span', { className: 'tool-name', text: tool.name }), badge),
    el('p', { className: 'tool-description', text: tool.description }),
  );
  if (!tool.readOnly) {
    entry.append(
      el('p', {
        className: 'hint',
        text: 'This tool changes state: ask for it in the chat, where it waits for your approval.',
      }),
    );
    return entry;
  }
  const id = `tool-${tool.name.replace(/[^A-Za-z0-9_-]/g, '_')}`;
  const form = schemaForm(tool.inputSchema, id);
  const run = el('button', {
    className: 'primary',
    text: 'Run',
    attrs: { type: 'submit', 'aria-label': `Run ${tool.name}` },
  });
  const output = el('div', { className: 'tool-output', attrs: { 'aria-live': 'polite' } });
  const formElement = el('form', { className: 'tool-form' }, form.fields, run, output);
  formElement.addEventListener('submit', (submit) => {
    submit.preventDefault();
    const read = form.read();
    if ('error' in read) {
      output.replaceChildren(el('p', { className: 'msg error', text: read.error }));
      return;
    }
    run.disabled = true;
    output.replaceChildren(el('p', { className: 'hint', text: 'Running\u2026' }));
    api
      .runTool(tool.name, read.args)
      .then((result) => {
        const status = `${result.isError ? '\u2717 failed' : '\u2713 done'} in ${formatSeconds(result.durationMs / 1000)}`;
        const images = result.images.flatMap((image) => imageElement(image, `Image from ${tool.name}`) ?? []);
        output.replaceChildren(
          el('div', { className: `tool-run-status ${result.isError ? 'failed' : 'done'}`, text: status }),
          el('pre', { className: 'tool-result', text: result.text }),
          ...images,
        );
      })
      .catch((error: unknown) =>
        output.replaceChildren(el('p', { className: 'msg error', text: errorText(error) })),
      )
      .finally(() => {
        run.disabled = false;
      });
  });
  entry.append(formElement);
  return entry;
}
