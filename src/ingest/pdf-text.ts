import { getDocumentProxy } from 'unpdf';

/**
 * A PDF's text as positioned lines, through pdf.js (unpdf bundles it; no system binary). A line
 * is the text at one height of one page, split into cells where a wide gap separates columns
 * (tables of responsible bodies and actions).
 */

export interface TextCell {
  x: number;
  text: string;
}
/** One run of text as pdf.js gives it, for splitting a line at a column the caller knows. */
export interface TextRun {
  x: number;
  end: number;
  size: number;
  str: string;
}
export interface TextLine {
  page: number;
  /** Distance from the bottom of the page, in points. */
  y: number;
  /** The largest font size on the line. */
  size: number;
  /** Runs of text separated by a gap wide enough to be a column. */
  cells: TextCell[];
  /** The runs of the line, left to right. */
  runs: TextRun[];
  /** The line's cells joined by a space. */
  text: string;
  fontNames: string[];
}
export interface PdfText {
  pageCount: number;
  pageHeight: number;
  lines: TextLine[];
  /** The PDF's creation date (YYYY-MM-DD) from its document information, when it has one. */
  createdOn: string | null;
}

/** Why a file cannot be read as a PDF: shown to the user beside the file's name. */
export class PdfReadError extends Error {}

interface Item {
  str: string;
  x: number;
  y: number;
  width: number;
  size: number;
  font: string;
}

/** Columns of a table start at least this far (points) after the previous text ends. */
const COLUMN_GAP = 18;

export async function readPdfText(bytes: Uint8Array): Promise<PdfText> {
  if (bytes.length === 0) throw new PdfReadError('the file is empty');
  if (!isPdfHeader(bytes)) throw new PdfReadError('it is not a PDF (it does not start with "%PDF-")');
  let pdf;
  try {
    // pdf.js takes ownership of the buffer it is given; hand it a copy.
    pdf = await getDocumentProxy(new Uint8Array(bytes), { verbosity: 0, isEvalSupported: false });
  } catch (err) {
    const name = (err as { name?: string }).name;
    if (name === 'PasswordException') throw new PdfReadError('it is encrypted (password-protected); ask for an unprotected copy');
    throw new PdfReadError(`it is damaged and cannot be read as a PDF (${(err as Error).message})`);
  }
  try {
    const lines: TextLine[] = [];
    let pageHeight = 0;
    for (let p = 1; p <= pdf.numPages; p++) {
      const page = await pdf.getPage(p);
      pageHeight = Math.max(pageHeight, page.getViewport({ scale: 1 }).height);
      const content = await page.getTextContent();
      const items: Item[] = [];
      for (const it of content.items) {
        if (!('str' in it) || it.str === '') continue;
        items.push({ str: withoutLigatures(it.str), x: it.transform[4], y: it.transform[5], width: it.width, size: Math.abs(it.transform[3]) || it.height, font: it.fontName });
      }
      lines.push(...toLines(p, items));
      page.cleanup();
    }
    const meta = await pdf.getMetadata().catch(() => null);
    const created = (meta?.info as { CreationDate?: unknown } | undefined)?.CreationDate;
    const day = typeof created === 'string' ? /^D:(\d{4})(\d{2})(\d{2})/.exec(created) : null;
    return { pageCount: pdf.numPages, pageHeight, lines, createdOn: day ? `${day[1]}-${day[2]}-${day[3]}` : null };
  } catch (err) {
    if (err instanceof PdfReadError) throw err;
    throw new PdfReadError(`it is damaged: a page cannot be read (${(err as Error).message})`);
  } finally {
    await pdf.destroy();
  }
}

const LIGATURES: Record<string, string> = { '\ufb00': 'ff', '\ufb01': 'fi', '\ufb02': 'fl', '\ufb03': 'ffi', '\ufb04': 'ffl', '\ufb05': 'st', '\ufb06': 'st' };

/** Typographic ligatures ("ﬁ" for "fi") as the letters they join, so headings and quotes read as typed. */
export const withoutLigatures = (text: string) => text.replace(/[\ufb00-\ufb06]/g, (c) => LIGATURES[c]);

function isPdfHeader(bytes: Uint8Array): boolean {
  // The header may follow a little junk; pdf.js allows 1024 bytes of it.
  const head = Buffer.from(bytes.subarray(0, 1024)).toString('latin1');
  return head.includes('%PDF-');
}

/** Items of one page grouped into lines (same baseline, within a point and a half), top to bottom. */
function toLines(page: number, items: Item[]): TextLine[] {
  const visible = items.filter((i) => i.str.trim() !== '' || i.width > 0);
  const sorted = [...visible].sort((a, b) => b.y - a.y || a.x - b.x);
  const groups: Item[][] = [];
  for (const item of sorted) {
    const last = groups[groups.length - 1];
    if (last && Math.abs(last[0].y - item.y) <= 1.5) last.push(item);
    else groups.push([item]);
  }
  const lines: TextLine[] = [];
  for (const group of groups) {
    group.sort((a, b) => a.x - b.x);
    const runs: TextRun[] = group.map((i) => ({ x: Math.round(i.x * 10) / 10, end: Math.round((i.x + i.width) * 10) / 10, size: i.size, str: i.str }));
    const tidy = toCells(runs);
    if (tidy.length === 0) continue;
    lines.push({
      page,
      y: Math.round(group[0].y * 10) / 10,
      size: Math.round(Math.max(...group.map((i) => i.size)) * 10) / 10,
      cells: tidy,
      runs,
      text: tidy.map((c) => c.text).join(' '),
      fontNames: [...new Set(group.filter((i) => i.str.trim()).map((i) => i.font))],
    });
  }
  return lines;
}

/** Runs joined into cells: a gap wider than a column gap starts a new cell; a narrower one is a space or nothing. */
export function toCells(runs: readonly TextRun[]): TextCell[] {
  const cells: TextCell[] = [];
  let cell: TextCell | null = null;
  let end = -Infinity;
  for (const run of runs) {
    // pdf.js fills the gap between two text objects on one line with a space as wide as the gap: a column gap all the same.
    if (run.str.trim() === '' && run.end - run.x > COLUMN_GAP) continue;
    const gap = run.x - end;
    if (!cell || gap > COLUMN_GAP) {
      if (run.str.trim() === '') continue; // a space before a column
      if (cell) cells.push(cell);
      cell = { x: run.x, text: run.str };
    } else {
      // Words are split into several runs, with or without a space run between them.
      const space = gap > Math.max(1, run.size * 0.15) && !cell.text.endsWith(' ') && !run.str.startsWith(' ');
      cell.text += (space ? ' ' : '') + run.str;
    }
    end = Math.max(end, run.end);
  }
  if (cell) cells.push(cell);
  return cells.map((c) => ({ x: c.x, text: c.text.replace(/\s+/g, ' ').trim() })).filter((c) => c.text !== '');
}

/** The text of a line's runs left of x, and from x on (a table's two columns). */
export function splitAtColumn(line: TextLine, x: number): [string, string] {
  const join = (runs: TextRun[]) => toCells(runs).map((c) => c.text).join(" ");
  const left = line.runs.filter((r) => r.x < x - 2);
  const right = line.runs.filter((r) => r.x >= x - 2);
  return [join(left), join(right)];
}
