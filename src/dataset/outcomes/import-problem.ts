/** One thing in an input table that stops the import: where it is and what to change. */
export interface ImportProblem {
  file: string;
  /** e.g. `row 7 (Sandwell)`, or `(header)`. */
  row: string;
  column: string;
  message: string;
}

/** Raised when any input row cannot be imported; nothing is written when it is. */
export class ImportError extends Error {
  constructor(readonly problems: ImportProblem[]) {
    super(
      `The import was refused (${problems.length} problem${problems.length === 1 ? '' : 's'}); nothing was written.\n` +
        problems.map((p) => `  - ${p.file}: ${p.row}${p.column ? `, column "${p.column}"` : ''}: ${p.message}`).join('\n'),
    );
    this.name = 'ImportError';
  }
}
