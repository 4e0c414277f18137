import { LABELS, type Label } from '../domain/model';
import { Column } from './column';
import { RECORD_SECTIONS, type RecordSection } from './seed-schema';

export type DeclaredIn = RecordSection | 'source';

const SECTION_CODES: DeclaredIn[] = ['source', ...RECORD_SECTIONS];
const SECTION_CODE = new Map(SECTION_CODES.map((s, i) => [s, i]));
const LABEL_CODE = new Map<Label, number>(LABELS.map((l, i) => [l, i]));

/**
 * Every id the seeds declare, with its node index (the order of declaration), label and the
 * record that declares it: a map of ids to indexes plus a few bytes a node in columns, since at
 * scale there are millions and an object each would cost more than the nodes' own fields.
 */
export class Declarations {
  /** Id to node index; the bundle's nodes are in this order. */
  readonly index = new Map<string, number>();
  private readonly label = new Column((n) => new Uint8Array(n));
  private readonly section = new Column((n) => new Uint8Array(n));
  private readonly position = new Column((n) => new Int32Array(n));
  private readonly file = new Column((n) => new Int32Array(n));
  private readonly files: string[] = [];
  private readonly fileNumbers = new Map<string, number>();

  get size(): number {
    return this.index.size;
  }

  /** Declares the id, or answers where it was declared first. */
  declare(id: string, label: Label, file: string, section: DeclaredIn, position: number): { first: number } | null {
    const first = this.index.get(id);
    if (first !== undefined) return { first };
    this.index.set(id, this.index.size);
    this.label.push(LABEL_CODE.get(label)!);
    this.section.push(SECTION_CODE.get(section)!);
    this.position.push(position);
    this.file.push(this.fileNumber(file));
    return null;
  }

  labelOf(i: number): Label {
    return LABELS[this.label.get(i)];
  }

  fileOf(i: number): string {
    return this.files[this.file.get(i)];
  }

  /** Whether node i is the one declared by this record (not a duplicate of it). */
  declaredAt(i: number, file: string, section: DeclaredIn, position: number): boolean {
    return this.files[this.file.get(i)] === file && SECTION_CODES[this.section.get(i)] === section && this.position.get(i) === position;
  }

  /** The record that declares node i, for messages. */
  recordOf(i: number, id: string): string {
    return recordName(SECTION_CODES[this.section.get(i)], this.position.get(i), id);
  }

  private fileNumber(file: string): number {
    let n = this.fileNumbers.get(file);
    if (n === undefined) {
      n = this.files.push(file) - 1;
      this.fileNumbers.set(file, n);
    }
    return n;
  }
}

export const recordName = (section: DeclaredIn, position: number, id: string) => (section === 'source' ? `source "${id}"` : `${section}[${position}] "${id}"`);
