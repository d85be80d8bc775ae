import type { ToolAnnotations } from '@sre-agent/shared';

/** Every cost tool only reads, asks AWS, and gives the same answer for the same question. */
export function readOnly(title: string): ToolAnnotations {
  return { title, readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true };
}
