import type { ImportProblem } from './import-problem';

/**
 * A table read from a spreadsheet or CSV as rows of text, with its header found by the columns it
 * must have. Cells are read by column name, so a reordered file still imports and a missing
 * column is reported by name.
 */
export interface Table<C extends string> {
  file: string;
  rows: { number: number; cell: (column: C) => string }[];
}

export function findTable<C extends string>(file: string, cells: string[][], columns: readonly C[], problems: ImportProblem[]): Table<C> | null {
  const clean = (v: unknown) => String(v ?? '').replace(/\s+/g, ' ').trim();
  // The header is the first row that names the first required column (a published sheet has title lines above it).
  const at = cells.findIndex((r) => r.some((c) => clean(c) === columns[0]));
  if (at < 0) {
    problems.push({ file, row: '(header)', column: columns[0], message: 'no header row names this column: is this the right file?' });
    return null;
  }
  const header = cells[at].map(clean);
  const index = new Map<C, number>();
  for (const column of columns) {
    const i = header.indexOf(column);
    if (i < 0) problems.push({ file, row: `row ${at + 1} (header)`, column, message: 'is missing: the importer reads this column by its name' });
    else index.set(column, i);
  }
  if (index.size < columns.length) return null;
  const rows = cells
    .slice(at + 1)
    .map((r, i) => ({ number: at + 2 + i, cell: (column: C) => clean(r[index.get(column)!]) }))
    .filter((r) => columns.some((c) => r.cell(c) !== ''));
  return { file, rows };
}
