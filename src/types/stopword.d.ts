/** The part of the stopword package (which ships no types) that finding-similarity.ts uses. */
declare module 'stopword' {
  /** English stop words, lower case. */
  export const eng: string[];
}
