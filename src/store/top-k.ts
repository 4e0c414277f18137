/** Keeps `top` the best `k` items seen so far, in order, without sorting everything seen. */
export function insertTop<T>(top: T[], item: T, k: number, compare: (a: T, b: T) => number): void {
  if (k <= 0 || (top.length === k && compare(item, top[k - 1]) >= 0)) return;
  let i = top.length === k ? k - 1 : top.length;
  while (i > 0 && compare(item, top[i - 1]) < 0) {
    top[i] = top[i - 1];
    i--;
  }
  top[i] = item;
}
