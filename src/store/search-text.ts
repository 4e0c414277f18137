import type { NodeRow } from '../domain/model';

/** How both adapters read text for search: the fields searched, the words of a query, and snippets. */

/** The text fields searched, in the order a snippet is taken from. */
export const SEARCH_FIELDS = ['quote', 'summary', 'name', 'title', 'aliases', 'description', 'role'] as const;

/** How much a match in each field counts, relative to 1. */
export const FIELD_BOOSTS: Partial<Record<(typeof SEARCH_FIELDS)[number], number>> = { name: 3, title: 3, aliases: 2, quote: 1.5 };

export const fieldText = (row: NodeRow, field: string): string | null => {
  const v = (row as unknown as Record<string, unknown>)[field];
  if (Array.isArray(v)) return v.length ? v.join('; ') : null;
  return typeof v === 'string' && v ? v : null;
};

/** The words of a text: letters and digits only, so no query syntax survives; lone letters (the s of "Sandwell's") are dropped. */
export const searchTerms = (text: string): string[] =>
  text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((t) => t.length > 1 || /\p{N}/u.test(t));

/** A word of this many letters or more also matches as a prefix ("plan" finds "plans"). */
export const MIN_PREFIX_LENGTH = 4;

/** A window of the first field that contains a query term, so a reader sees why it matched. */
export function snippetFor(row: NodeRow, terms: string[], width = 160): string | null {
  for (const field of SEARCH_FIELDS) {
    const text = fieldText(row, field);
    if (!text) continue;
    const lower = text.toLowerCase();
    const hit = terms.map((t) => lower.indexOf(t)).filter((i) => i >= 0).sort((a, b) => a - b)[0];
    if (hit === undefined) continue;
    if (text.length <= width) return text;
    const start = Math.max(0, Math.min(hit - Math.floor(width / 3), text.length - width));
    return `${start > 0 ? '…' : ''}${text.slice(start, start + width).trim()}${start + width < text.length ? '…' : ''}`;
  }
  return null;
}
