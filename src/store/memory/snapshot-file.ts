import { createHash, type Hash } from 'node:crypto';
import { closeSync, existsSync, fstatSync, mkdirSync, openSync, readSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * A file of named sections (typed arrays, and JSON values), under a key that says what it was
 * made from and a SHA-256 of everything after the header. Typed arrays are written and read as
 * their bytes, each into an array of its own; JSON sections are parsed one at a time, so a large
 * value split into sections never needs all its text in memory at once.
 *
 *   MAGIC, each section padded to 8 bytes, header JSON, header length (uint32 LE), MAGIC
 *
 * The header comes last so that each section can be written as soon as it is made and let go.
 */
const MAGIC = Buffer.from('send-graph snapshot 1\n');
const ALIGN = 8;

const TYPED = { i32: Int32Array, u8: Uint8Array, u16: Uint16Array, f32: Float32Array, f64: Float64Array } as const;
type TypedKind = keyof typeof TYPED;
export type TypedSection = Int32Array | Uint8Array | Uint16Array | Float32Array | Float64Array;
export type SectionValue = TypedSection | { json: unknown };

interface SectionHeader {
  name: string;
  kind: TypedKind | 'json';
  byteLength: number;
}
interface Header {
  key: string;
  sections: SectionHeader[];
  sha256: string;
}

/** The file cannot be used: cut short, altered, or not a snapshot. */
export class DamagedSnapshotError extends Error {}

const kindOf = (v: SectionValue): TypedKind | 'json' => {
  if (v instanceof Int32Array) return 'i32';
  if (v instanceof Uint8Array) return 'u8';
  if (v instanceof Uint16Array) return 'u16';
  if (v instanceof Float32Array) return 'f32';
  if (v instanceof Float64Array) return 'f64';
  return 'json';
};
const padding = (n: number) => (ALIGN - (n % ALIGN)) % ALIGN;
const ZEROS = Buffer.alloc(ALIGN);

/**
 * Writes the sections under `key`, to a file beside `path` that then replaces it, so that a reader
 * never sees half a file and a failed write leaves the old one.
 */
export function writeSnapshot(path: string, key: string, sections: Iterable<[string, SectionValue]>): void {
  mkdirSync(dirname(path), { recursive: true });
  const partial = `${path}.${process.pid}.partial`;
  const fd = openSync(partial, 'w');
  try {
    const write = (bytes: Uint8Array) => {
      for (let done = 0; done < bytes.byteLength; ) done += writeSync(fd, bytes, done);
    };
    const hash = createHash('sha256');
    const headers: SectionHeader[] = [];
    write(MAGIC);
    write(ZEROS.subarray(0, padding(MAGIC.byteLength)));
    for (const [name, value] of sections) {
      const kind = kindOf(value);
      const bytes = kind === 'json'
        ? Buffer.from(JSON.stringify((value as { json: unknown }).json))
        : new Uint8Array((value as TypedSection).buffer, (value as TypedSection).byteOffset, (value as TypedSection).byteLength);
      const pad = ZEROS.subarray(0, padding(bytes.byteLength));
      hash.update(bytes).update(pad);
      write(bytes);
      write(pad);
      headers.push({ name, kind, byteLength: bytes.byteLength });
    }
    const header: Header = { key, sections: headers, sha256: hash.update(JSON.stringify(headers)).digest('hex') };
    const headerBytes = Buffer.from(JSON.stringify(header));
    const length = Buffer.alloc(4);
    length.writeUInt32LE(headerBytes.byteLength);
    write(headerBytes);
    write(length);
    write(MAGIC);
  } catch (err) {
    closeSync(fd);
    rmSync(partial, { force: true });
    throw err;
  }
  closeSync(fd);
  renameSync(partial, path);
}

/**
 * The sections saved under `key`, by name: null when there is no file or it was made from
 * something else (another key). Throws DamagedSnapshotError when the file is not what was
 * written: every byte is checked against the header's SHA-256 before anything is returned.
 */
export function readSnapshot(path: string, key: string): Map<string, SectionValue> | null {
  if (!existsSync(path)) return null;
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    let at = 0;
    const read = (into: Uint8Array) => {
      for (let done = 0; done < into.byteLength; ) {
        const n = readSync(fd, into, done, into.byteLength - done, at + done);
        if (n === 0) throw new DamagedSnapshotError(`${path} ends at byte ${at + done} of ${size}: it was cut short`);
        done += n;
      }
      at += into.byteLength;
    };
    const tail = MAGIC.byteLength + 4;
    if (size < 2 * tail) throw new DamagedSnapshotError(`${path} is too short to be a snapshot`);
    const ends = Buffer.alloc(tail);
    at = size - tail;
    read(ends);
    const begins = Buffer.alloc(MAGIC.byteLength);
    at = 0;
    read(begins);
    if (!begins.equals(MAGIC) || !ends.subarray(4).equals(MAGIC)) throw new DamagedSnapshotError(`${path} is not a send-graph snapshot of this format`);
    const headerLength = ends.readUInt32LE(0);
    if (headerLength > size - 2 * tail) throw new DamagedSnapshotError(`${path} has a header longer than the file`);
    const headerBytes = Buffer.alloc(headerLength);
    at = size - tail - headerLength;
    read(headerBytes);
    let header: Header;
    try {
      header = JSON.parse(headerBytes.toString('utf8')) as Header;
    } catch {
      throw new DamagedSnapshotError(`${path} has a header that does not parse`);
    }
    if (header.key !== key) return null;
    at = MAGIC.byteLength + padding(MAGIC.byteLength);
    const expected = at + header.sections.reduce((sum, s) => sum + s.byteLength + padding(s.byteLength), 0) + headerLength + tail;
    if (expected !== size) throw new DamagedSnapshotError(`${path} is ${size} bytes where its header says ${expected}`);

    const hash: Hash = createHash('sha256');
    const out = new Map<string, SectionValue>();
    for (const s of header.sections) {
      let value: SectionValue;
      if (s.kind === 'json') {
        const bytes = Buffer.allocUnsafe(s.byteLength); // read() fills it whole or throws
        read(bytes);
        hash.update(bytes);
        try {
          value = { json: JSON.parse(bytes.toString('utf8')) };
        } catch {
          throw new DamagedSnapshotError(`${path}: section ${s.name} does not parse`);
        }
      } else {
        const Typed = TYPED[s.kind];
        if (!Typed || s.byteLength % Typed.BYTES_PER_ELEMENT !== 0) throw new DamagedSnapshotError(`${path}: section ${s.name} has a bad kind or length`);
        const array = new Typed(s.byteLength / Typed.BYTES_PER_ELEMENT);
        const bytes = new Uint8Array(array.buffer);
        read(bytes);
        hash.update(bytes);
        value = array;
      }
      const pad = padding(s.byteLength);
      hash.update(ZEROS.subarray(0, pad));
      at += pad;
      out.set(s.name, value);
    }
    // The checksum covers the section list too, so a header whose sections were altered is damaged, not misread.
    if (hash.update(JSON.stringify(header.sections)).digest('hex') !== header.sha256) throw new DamagedSnapshotError(`${path} does not match its checksum: it was altered or damaged`);
    return out;
  } finally {
    closeSync(fd);
  }
}
