// The runner's Gemini-shaped history as each vendor must receive it, including a session that began on
// Gemini (thoughts, signatures, client-side `adk-` ids) and continues on another model, and a turn
// that ended in an error (two user turns in a row), which Claude and Bedrock refuse unmerged.
import { describe, expect, it } from 'vitest';
import type { Content } from '../adk/types.js';
import { toMessages as toAnthropic } from './anthropic-model.js';
import { toMessages as toBedrock } from './bedrock-model.js';
import { toMessages as toOpenAi } from './openai-model.js';

const history: Content[] = [
  { role: 'user', parts: [{ text: 'What is broken in payments?' }] },
  {
    role: 'model',
    parts: [
      { text: 'Planning which tools to call', thought: true },
      {
        functionCall: { id: 'adk-1', name: 'k8s__list_pods', args: { namespace: 'payments' } },
        thoughtSignature: 'c2ln',
      },
      { functionCall: { id: 'adk-2', name: 'k8s__get_events', args: {} } },
    ],
  },
  {
    role: 'user',
    parts: [
      {
        functionResponse: {
          id: 'adk-1',
          name: 'k8s__list_pods',
          response: { result: 'api-1 CrashLoopBackOff' },
        },
      },
      { functionResponse: { id: 'adk-2', name: 'k8s__get_events', response: { error: 'forbidden' } } },
    ],
  },
  { role: 'model', parts: [{ text: 'api-1 is crash looping.' }] },
  // A turn that failed (no model reply), then the next question.
  { role: 'user', parts: [{ text: 'And checkout?' }] },
  { role: 'user', parts: [{ text: 'Also the ledger.' }] },
];

describe('history for other vendors', () => {
  it('gives Claude alternating messages with tool_use/tool_result blocks and no Gemini thoughts', () => {
    expect(toAnthropic(history)).toEqual([
      { role: 'user', content: [{ type: 'text', text: 'What is broken in payments?' }] },
      {
        role: 'assistant',
        content: [
          { type: 'tool_use', id: 'adk-1', name: 'k8s__list_pods', input: { namespace: 'payments' } },
          { type: 'tool_use', id: 'adk-2', name: 'k8s__get_events', input: {} },
        ],
      },
      {
        role: 'user',
        content: [
          { type: 'tool_result', tool_use_id: 'adk-1', content: 'api-1 CrashLoopBackOff' },
          { type: 'tool_result', tool_use_id: 'adk-2', content: 'forbidden', is_error: true },
        ],
      },
      { role: 'assistant', content: [{ type: 'text', text: 'api-1 is crash looping.' }] },
      {
        role: 'user',
        content: [
          { type: 'text', text: 'And checkout?' },
          { type: 'text', text: 'Also the ledger.' },
        ],
      },
    ]);
  });

  it('gives OpenAI tool_calls with JSON arguments and one tool message per result', () => {
    expect(toOpenAi(history)).toEqual([
      { role: 'user', content: 'What is broken in payments?' },
      {
        role: 'assistant',
        content: null,
        tool_calls: [
          {
            id: 'adk-1',
            type: 'function',
            function: { name: 'k8s__list_pods', arguments: '{"namespace":"payments"}' },
          },
          { id: 'adk-2', type: 'function', function: { name: 'k8s__get_events', arguments: '{}' } },
        ],
      },
      { role: 'tool', tool_call_id: 'adk-1', content: 'api-1 CrashLoopBackOff' },
      { role: 'tool', tool_call_id: 'adk-2', content: 'Error: forbidden' },
      { role: 'assistant', content: 'api-1 is crash looping.' },
      { role: 'user', content: 'And checkout?' },
      { role: 'user', content: 'Also the ledger.' },
    ]);
  });

  it('gives Bedrock toolUse/toolResult blocks with a status, and merged user turns', () => {
    const messages = toBedrock(history);
    expect(messages.map((message) => message.role)).toEqual([
      'user',
      'assistant',
      'user',
      'assistant',
      'user',
    ]);
    expect(messages[2]?.content).toEqual([
      {
        toolResult: { toolUseId: 'adk-1', content: [{ text: 'api-1 CrashLoopBackOff' }], status: 'success' },
      },
      { toolResult: { toolUseId: 'adk-2', content: [{ text: 'forbidden' }], status: 'error' } },
    ]);
    expect(messages[4]?.content).toEqual([{ text: 'And checkout?' }, { text: 'Also the ledger.' }]);
  });

  it('puts tool results before the text of the same user message (Claude and Bedrock require it)', () => {
    const mixed: Content[] = [
      { role: 'user', parts: [{ text: 'scale it' }] },
      { role: 'model', parts: [{ functionCall: { id: 'toolu_1', name: 'k8s__scale', args: {} } }] },
      {
        role: 'user',
        parts: [
          { text: 'and hurry' },
          { functionResponse: { id: 'toolu_1', name: 'k8s__scale', response: { result: 'done' } } },
        ],
      },
    ];
    expect(toAnthropic(mixed)[2]?.content).toMatchObject([{ type: 'tool_result' }, { type: 'text' }]);
    expect(toBedrock(mixed)[2]?.content).toMatchObject([{ toolResult: {} }, { text: 'and hurry' }]);
    expect(toOpenAi(mixed).slice(2)).toEqual([
      { role: 'tool', tool_call_id: 'toolu_1', content: 'done' },
      { role: 'user', content: 'and hurry' },
    ]);
  });
});
