import { fenceUntrusted } from '@sre-agent/shared';
import type { GroupDefinition } from '../ce-types.js';

/** Tag and cost category values are free text (anyone with tagging rights writes tags). */
export function hasFreeTextGroups(groups: readonly GroupDefinition[]): boolean {
  return groups.some((g) => g.Type !== 'DIMENSION');
}

/**
 * Everything after the heading (the first blank line) fenced as data: the table and the notes
 * under it name the groups. Text without a blank line holds no table and is returned as is.
 */
export function fenceAfterHeading(text: string, source: string): string {
  const at = text.indexOf('\n\n');
  return at < 0 ? text : `${text.slice(0, at + 1)}\n${fenceUntrusted(source, text.slice(at + 2))}`;
}

/** The text, fenced after its heading when its groups are free text. */
export function fenceFreeTextGroups(text: string, groups: readonly GroupDefinition[]): string {
  if (!hasFreeTextGroups(groups)) return text;
  const names = groups.filter((g) => g.Type !== 'DIMENSION').map((g) => `${g.Type.toLowerCase()}:${g.Key}`);
  return fenceAfterHeading(text, `values of ${names.join(' and ')}`);
}
