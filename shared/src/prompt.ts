import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { z } from 'zod';

/**
 * A canned workflow a client shows as a slash command: the arguments a human fills in, and the
 * message that asks the model to follow the steps with this server's tools.
 */
export interface PromptDefinition<Shape extends Record<string, z.ZodType<string | undefined>>> {
  name: string;
  title: string;
  description: string;
  /** Prompt arguments are strings in MCP; each field has `.describe()`. */
  args: Shape;
  render(args: { [K in keyof Shape]: z.infer<Shape[K]> }): string;
}

export type AnyPrompt = PromptDefinition<Record<string, z.ZodType<string | undefined>>>;

export function definePrompt<Shape extends Record<string, z.ZodType<string | undefined>>>(
  prompt: PromptDefinition<Shape>,
): AnyPrompt {
  return prompt as unknown as AnyPrompt;
}

export function registerPrompts(server: McpServer, prompts: readonly AnyPrompt[]): void {
  for (const prompt of prompts) {
    server.registerPrompt(
      prompt.name,
      { title: prompt.title, description: prompt.description, argsSchema: prompt.args },
      (args) => ({
        messages: [
          {
            role: 'user',
            content: { type: 'text', text: prompt.render(args as Record<string, string | undefined>) },
          },
        ],
      }),
    );
  }
}
