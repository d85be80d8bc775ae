// A tool call as a collapsible card: name and arguments in the summary, then the full arguments, the
// result and how long it took; images the call saved (artifacts) show below it, outside the fold.
import { el, imageElement, short } from './dom.js';
import type { FunctionCall, FunctionResponse, ToolImage } from './types.js';

export interface ToolCard {
  root: HTMLElement;
  /** Fills in the result; `seconds` is how long the call took, when known. */
  settle(response: FunctionResponse, seconds: number | undefined): void;
  /** Shows an image the call returned (loaded from its artifact). */
  addImage(load: Promise<ToolImage | undefined>, filename: string): void;
  /** When the call was made (the event's timestamp, seconds). */
  startedAt: number | undefined;
}

export function createToolCard(call: FunctionCall, startedAt: number | undefined): ToolCard {
  const status = el('span', { className: 'tool-status', text: 'running\u2026' });
  const summary = el(
    'summary',
    {},
    el('span', { className: 'tool-name', text: call.name }),
    el('span', { className: 'tool-args', text: short(call.args ?? {}, 80) }),
    status,
  );
  const result = el('pre', { className: 'tool-result', text: 'waiting for the result\u2026' });
  const details = el(
    'details',
    { className: 'tool running' },
    summary,
    el('h4', { text: 'Arguments' }),
    el('pre', { className: 'tool-arguments', text: JSON.stringify(call.args ?? {}, null, 2) }),
    el('h4', { text: 'Result' }),
    result,
  );
  const images = el('div', { className: 'tool-images' });
  const root = el('div', { className: 'tool-call' }, details, images);
  return {
    root,
    startedAt,
    settle(response, seconds) {
      const body = response.response ?? {};
      const failed = body.error !== undefined;
      const value = failed ? body.error : body.result !== undefined ? body.result : body;
      details.className = `tool ${failed ? 'failed' : 'done'}`;
      result.textContent = typeof value === 'string' ? value : JSON.stringify(value, null, 2);
      const took = seconds === undefined ? '' : ` in ${formatSeconds(seconds)}`;
      status.textContent = failed ? `\u2717 failed${took}` : `\u2713 done${took}`;
    },
    addImage(load, filename) {
      const figure = el('figure', {}, el('figcaption', { text: `${call.name} \u00b7 ${filename}` }));
      images.append(figure);
      load.then(
        (image) => {
          const img = image && imageElement(image, `Image from ${call.name} (${filename})`);
          figure.prepend(img ?? el('span', { className: 'hint', text: 'This image cannot be shown.' }));
        },
        () => figure.prepend(el('span', { className: 'hint', text: 'The image could not be loaded.' })),
      );
    },
  };
}

export function formatSeconds(seconds: number): string {
  return seconds < 1 ? `${Math.max(0, Math.round(seconds * 1000))} ms` : `${seconds.toFixed(1)} s`;
}
