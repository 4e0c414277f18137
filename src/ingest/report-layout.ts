import type { TextLine } from './pdf-text';

/**
 * The page furniture of a report (running headers and footers, page numbers) and the way its
 * text breaks into paragraphs: what a reader skips and what a reader sees as a gap.
 */

/** Headers and footers sit in these margins (points from the top and bottom of the page). */
const TOP_MARGIN = 50;
const BOTTOM_MARGIN = 56;

/** Running headers and footers set deeper into the page than the margins sit within this share of its height. */
const RUNNING_BAND = 0.12;
/** ...and are recognised there only when they repeat, at the same height, on at least this many pages. */
const RUNNING_PAGES = 3;

const furnitureKey = (text: string) => text.toLowerCase().replace(/\d+/g, '#').replace(/\s+/g, ' ').trim();

/**
 * Lines that are page furniture: in a margin and either a page number, small print, or the same
 * text (numbers aside) as a margin line of another page; or, a little further in, the same text
 * at the same height on several pages (a template with deeper headers or footers).
 */
export function withoutFurniture(lines: readonly TextLine[], pageHeight: number): TextLine[] {
  const inMargin = (l: TextLine) => l.y < BOTTOM_MARGIN || l.y > pageHeight - TOP_MARGIN;
  const inBand = (l: TextLine) => l.y < pageHeight * RUNNING_BAND || l.y > pageHeight * (1 - RUNNING_BAND);
  const pagesOf = new Map<string, Set<number>>();
  const add = (key: string, page: number) => {
    if (!pagesOf.has(key)) pagesOf.set(key, new Set());
    pagesOf.get(key)!.add(page);
  };
  const atHeight = (l: TextLine) => `${Math.round(l.y / 3)}|${furnitureKey(l.text)}`;
  for (const l of lines) {
    if (inMargin(l)) add(furnitureKey(l.text), l.page);
    if (inBand(l)) add(atHeight(l), l.page);
  }
  const pages = (key: string) => pagesOf.get(key)?.size ?? 0;
  const isFurniture = (l: TextLine) =>
    (inMargin(l) && (/^\d+$/.test(l.text) || l.size <= 10.5 || pages(furnitureKey(l.text)) > 1)) || (inBand(l) && pages(atHeight(l)) >= RUNNING_PAGES);
  return lines.filter((l) => !isFurniture(l));
}

/**
 * The distance between two lines of one paragraph: the lower quartile of the gaps between
 * consecutive lines of a page (some reports set their blocks only half a point further apart).
 */
export function linePitch(lines: readonly TextLine[]): number {
  const gaps: number[] = [];
  for (let i = 1; i < lines.length; i++) {
    const gap = lines[i - 1].y - lines[i].y;
    if (lines[i].page === lines[i - 1].page && gap > 4 && gap < 40) gaps.push(gap);
  }
  if (gaps.length === 0) return 15;
  gaps.sort((a, b) => a - b);
  return gaps[Math.floor(gaps.length / 4)];
}

/** Whether line b starts a new paragraph after line a on the same page (a clearly wider gap than the pitch). */
export const paragraphGap = (a: TextLine, b: TextLine, pitch: number) => a.page === b.page && a.y - b.y > pitch * 1.3;

/**
 * Whether a sentence that ends at line a and one that starts at line b are in different blocks:
 * some reports separate the cells of a one-column table by only a little more than the pitch.
 */
export const blockBreak = (a: TextLine, b: TextLine, pitch: number) =>
  paragraphGap(a, b, pitch) || (a.page === b.page && a.y - b.y > pitch + 0.3 && endsSentence(a.text) && startsSentence(b.text));

export const endsSentence = (text: string) => /[.!?]["”’)]?$/.test(text.trim());
export const startsSentence = (text: string) => /^[A-Z0-9‘“"(]/.test(text.trim());

/** Joins lines of one paragraph: a word broken with a hyphen at a line end is joined without a space. */
export function joinText(parts: readonly string[]): string {
  let out = '';
  for (const raw of parts) {
    const part = raw.trim();
    if (!part) continue;
    if (!out) out = part;
    else if (/[A-Za-z]-$/.test(out)) out += part;
    else out += ` ${part}`;
  }
  return out.replace(/\s+/g, ' ').trim();
}
