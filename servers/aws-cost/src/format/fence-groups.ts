import { fenceUntrusted } from '@sre-agent/shared';
import type { GroupDefinition } from '../ce-types.js';

/**
 * What in a group label is free text, or undefined when AWS names it: tags are written by anyone
 * with tagging rights, and a member account's name by that account itself.
 */
function freeText(group: GroupDefinition): string | undefined {
  if (group.Type !== 'DIMENSION') return `values of ${group.Type.toLowerCase()}:${group.Key}`;
  return group.Key === 'LINKED_ACCOUNT' ? 'account names' : undefined;
}

/**
 * Everything after the heading (the first blank line) fenced as data: the table and the notes
 * under it name the groups. Text without a blank line holds no table and is returned as is.
 */
export function fenceAfterHeading(text: string, source: string): string {
  const at = text.indexOf('\n\n');
  return at < 0 ? text : `${text.slice(0, at + 1)}\n${fenceUntrusted(source, text.slice(at + 2))}`;
}

/** The text, fenced after its heading when its group labels hold free text. */
export function fenceFreeTextGroups(text: string, groups: readonly GroupDefinition[]): string {
  const sources = groups.map(freeText).filter((s) => s !== undefined);
  return sources.length === 0 ? text : fenceAfterHeading(text, sources.join(' and '));
}
