/** A typed array that grows by doubling while a column is filled. */
export class Column<A extends Int32Array | Uint8Array> {
  private data: A;
  length = 0;

  constructor(private readonly make: (n: number) => A) {
    this.data = make(1024);
  }

  push(v: number): void {
    if (this.length === this.data.length) {
      const bigger = this.make(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = v;
  }

  get(i: number): number {
    return this.data[i];
  }

  set(i: number, v: number): void {
    this.data[i] = v;
  }

  /** The filled part, in an array of its own size. */
  done(): A {
    return this.data.slice(0, this.length) as A;
  }
}
