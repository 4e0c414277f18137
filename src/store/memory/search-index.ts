import MiniSearch from 'minisearch';
import type { Label, NodeRow } from '../../domain/model';
import type { SearchHitRow } from '../port';
import { compareSearchHits } from '../ordering';

/** The text fields searched, in the order a snippet is taken from. */
export const SEARCH_FIELDS = ['quote', 'summary', 'name', 'title', 'aliases', 'description', 'role'] as const;

const fieldText = (row: NodeRow, field: string): string | null => {
  const v = (row as unknown as Record<string, unknown>)[field];
  if (Array.isArray(v)) return v.length ? v.join('; ') : null;
  return typeof v === 'string' && v ? v : null;
};

/** The words of a query: letters and digits only, so no query syntax survives; lone letters (the s of "Sandwell's") are dropped. */
export const searchTerms = (text: string): string[] =>
  text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((t) => t.length > 1 || /\p{N}/u.test(t));

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

/** Full-text search over names, titles, summaries and quotes (MiniSearch, BM25 scoring). */
export class SearchIndex {
  private readonly index = new MiniSearch<NodeRow>({
    idField: 'id',
    fields: [...SEARCH_FIELDS],
    extractField: (row, field) => (field === 'id' ? row.id : (fieldText(row, field) ?? '')),
    // Every word must match; a word of four or more letters also matches as a prefix ("plan" finds "plans").
    searchOptions: { combineWith: 'AND', prefix: (term) => term.length >= 4, boost: { name: 3, title: 3, aliases: 2, quote: 1.5 } },
  });
  private readonly rows = new Map<string, NodeRow>();

  constructor(rows: NodeRow[]) {
    this.index.addAll(rows);
    for (const r of rows) this.rows.set(r.id, r);
  }

  query(text: string, first: number, labels?: readonly Label[] | null): SearchHitRow[] {
    const terms = searchTerms(text);
    if (terms.length === 0) return [];
    const wanted = labels && labels.length ? new Set(labels) : null;
    // Rank and cut before building snippets: a broad query can match thousands of nodes.
    return this.index
      .search(terms.join(' '))
      .filter((r) => !wanted || wanted.has(this.rows.get(String(r.id))!.label))
      .map((r): SearchHitRow => ({ id: String(r.id), score: r.score, snippet: null }))
      .sort(compareSearchHits)
      .slice(0, first)
      .map((hit) => ({ ...hit, snippet: snippetFor(this.rows.get(hit.id)!, terms) }));
  }
}
