/**
 * A set of areas as bits over the areas' dense indexes: unions and counts in a few word
 * operations, so that support counting stays cheap as the number of areas grows.
 */
export class AreaBitset {
  readonly words: Uint32Array;

  constructor(size: number, words?: Uint32Array) {
    this.words = words ?? new Uint32Array(Math.ceil(size / 32));
  }

  static of(size: number, indexes: Iterable<number>): AreaBitset {
    const b = new AreaBitset(size);
    for (const i of indexes) b.words[i >>> 5] |= 1 << (i & 31);
    return b;
  }

  /** Adds the other set's members to this one. */
  orWith(other: AreaBitset): void {
    for (let i = 0; i < this.words.length; i++) this.words[i] |= other.words[i];
  }

  indexes(): number[] {
    const out: number[] = [];
    for (let i = 0; i < this.words.length; i++) {
      let w = this.words[i];
      while (w) {
        out.push(i * 32 + 31 - Math.clz32(w & -w));
        w &= w - 1;
      }
    }
    return out;
  }
}

/** Set bits in a 32-bit word. */
export function popcount(w: number): number {
  w -= (w >>> 1) & 0x55555555;
  w = (w & 0x33333333) + ((w >>> 2) & 0x33333333);
  return (((w + (w >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}
