import type { SeedProblem } from './seed-error';

/**
 * One record declared in several files (the same id, the same kind of record) is one node with
 * every file's source. Its fields combine:
 * - a field only one file gives is taken from it;
 * - list fields (`by`, `serves`, `aliases`, `themes`, ...) are the union, in the order first stated;
 * - `notes` are kept from every file, in file order, each once;
 * - of two dates, a STATED one replaces an INFERRED one; two of the same certainty must agree,
 *   where one that only narrows the other ("2017-01" and "2017-01-16") agrees, and the narrower is kept;
 * - any other two different values stop loading, naming both files, the record and the field.
 */

type AnyRecord = { id: string } & Record<string, unknown>;
type DateValue = { date: string; certainty: 'STATED' | 'INFERRED' };

/** Fields whose every file's text is kept rather than compared. */
const ANNOTATION_FIELDS = new Set(['notes']);

const isDate = (v: unknown): v is DateValue =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && typeof (v as DateValue).date === 'string' && typeof (v as DateValue).certainty === 'string';

const isEmpty = (v: unknown) => v === undefined || v === null || (Array.isArray(v) && v.length === 0);

const key = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));

const show = (v: unknown) => (isDate(v) ? `${v.certainty.toLowerCase()} "${v.date}"` : JSON.stringify(v));

/** Whether date b only states a[...] more precisely (or less): "2017" and "2017-01" agree. */
const narrows = (a: string, b: string) => a === b || b.startsWith(`${a}-`) || a.startsWith(`${b}-`);

interface Merged {
  record: AnyRecord;
  /** Where each field's value came from: "file at record". */
  origin: Map<string, string>;
}

export class RecordMerger {
  private readonly merged = new Map<number, Merged>();

  constructor(private readonly problems: SeedProblem[]) {}

  /** Adds one declaration of node `index`; declarations come in file order. */
  add(index: number, file: string, recordName: string, record: AnyRecord): void {
    const where = `${file} at ${recordName}`;
    const seen = this.merged.get(index);
    if (!seen) {
      const origin = new Map<string, string>();
      for (const field of Object.keys(record)) origin.set(field, where);
      this.merged.set(index, { record: { ...record }, origin });
      return;
    }
    for (const [field, value] of Object.entries(record)) {
      if (field === 'id' || isEmpty(value)) continue;
      const before = seen.record[field];
      const chosen = isEmpty(before) ? value : this.combine(field, before, value, { file, recordName, other: seen.origin.get(field) ?? '?' });
      if (chosen !== before) {
        seen.record[field] = chosen;
        seen.origin.set(field, where);
      }
    }
  }

  /** Each merged node's index and its combined record. */
  entries(): IterableIterator<[number, Merged]> {
    return this.merged.entries();
  }

  private combine(field: string, before: unknown, value: unknown, at: { file: string; recordName: string; other: string }): unknown {
    if (Array.isArray(before) && Array.isArray(value)) {
      const have = new Set(before.map(key));
      const extra = value.filter((v) => !have.has(key(v)));
      return extra.length ? [...before, ...extra] : before;
    }
    if (ANNOTATION_FIELDS.has(field) && typeof before === 'string' && typeof value === 'string') {
      return before.split('\n').includes(value) ? before : `${before}\n${value}`;
    }
    if (isDate(before) && isDate(value)) {
      if (before.certainty !== value.certainty) return before.certainty === 'STATED' ? before : value;
      if (narrows(before.date, value.date)) return value.date.length > before.date.length ? value : before;
    } else if (key(before) === key(value)) {
      return before;
    }
    this.problems.push({
      file: at.file,
      record: at.recordName,
      field,
      message:
        `${show(value)} disagrees with ${show(before)} in ${at.other}: the same record in two files is one node, ` +
        'so the files must agree on it; correct the one that is wrong (or, for a date only worked out, mark it inferred)',
    });
    return before;
  }
}
