/** One thing wrong with the seeds, located precisely enough to fix without searching. */
export interface SeedProblem {
  file: string;
  /** e.g. `findings[3] "sandwell-2017-ehc-plans"`, or `(file)` for problems with the whole file. */
  record: string;
  /** e.g. `themes[0]`; empty when the problem is the record or file itself. */
  field: string;
  message: string;
}

export const formatProblem = (p: SeedProblem): string =>
  `${p.file}: ${p.record}${p.field ? `, field ${p.field}` : ''}: ${p.message}`;

/** Raised when any seed file is bad; nothing is loaded when it is. */
export class SeedError extends Error {
  constructor(readonly problems: SeedProblem[]) {
    super(
      `The seeds are invalid (${problems.length} problem${problems.length === 1 ? '' : 's'}); nothing was loaded.\n` +
        problems.map((p) => `  - ${formatProblem(p)}`).join('\n'),
    );
    this.name = 'SeedError';
  }
}
