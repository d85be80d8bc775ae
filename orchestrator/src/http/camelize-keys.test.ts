import { describe, expect, it } from 'vitest';
import { camelizeKeys, snakeToCamel } from './camelize-keys.js';

describe('camelizeKeys', () => {
  it('camelises ADK field names at every depth', () => {
    expect(snakeToCamel('new_message')).toBe('newMessage');
    expect(
      camelizeKeys({
        new_message: {
          parts: [
            { function_response: { id: 'c1', name: 'adk_request_confirmation' } },
            { inline_data: { mime_type: 'image/png' } },
          ],
        },
      }),
    ).toEqual({
      newMessage: {
        parts: [
          { functionResponse: { id: 'c1', name: 'adk_request_confirmation' } },
          { inlineData: { mimeType: 'image/png' } },
        ],
      },
    });
  });

  it('leaves user data alone: state keys, tool arguments and results keep their underscores', () => {
    const body = {
      state: { slack_channel: 'C1', thread_ts: '1.2' },
      state_delta: { 'user:time_zone': 'UTC' },
      new_message: {
        parts: [
          { function_call: { name: 'k8s__get_pod_logs', args: { pod_name: 'api-1', tail_lines: 50 } } },
          {
            function_response: {
              name: 'adk_request_confirmation',
              response: { confirmed: true, tool_call_id: 'x' },
            },
          },
        ],
      },
    };
    expect(camelizeKeys(body)).toEqual({
      state: { slack_channel: 'C1', thread_ts: '1.2' },
      stateDelta: { 'user:time_zone': 'UTC' },
      newMessage: {
        parts: [
          { functionCall: { name: 'k8s__get_pod_logs', args: { pod_name: 'api-1', tail_lines: 50 } } },
          {
            functionResponse: {
              name: 'adk_request_confirmation',
              response: { confirmed: true, tool_call_id: 'x' },
            },
          },
        ],
      },
    });
  });
});
