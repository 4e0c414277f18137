import type { ThemeCooccurrenceArgs, ThemePairRow } from '../port';
import { deadlineTicker } from '../deadline';
import { compareThemePairs } from '../ordering';
import { insertTop as insertTopExport } from '../top-k';
import { AreaBitset, popcount as popcountExport } from './area-bitset';
import type { AreaThemeIndex } from './area-theme-index';

// Bound locally for the loop over pairs (see top-k.ts).
const popcount = popcountExport;
const insertTop = insertTopExport;

/**
 * Pairs of themes found together in the same areas (findings of one polarity and, when given,
 * one framework), with the lift over chance: how many areas have both, over how many would if
 * the two were independent. Each pair is one AND and a count over the two themes' area bits.
 */
export function themeCooccurrence(index: AreaThemeIndex, args: ThemeCooccurrenceArgs): ThemePairRow[] {
  const themes = index.themeAreas;
  const any = new AreaBitset(index.areaIds.length);
  for (const t of themes) any.orWith(t);
  const areasWithFindings = any.indexes().length;
  const sizes = themes.map((t) => t.indexes().length);
  const top: (ThemePairRow & { i: number; j: number })[] = [];
  const tick = deadlineTicker(64);
  for (let i = 0; i < themes.length; i++) {
    for (let j = i + 1; j < themes.length; j++) {
      tick();
      const a = themes[i].words;
      const b = themes[j].words;
      let count = 0;
      for (let k = 0; k < a.length; k++) count += popcount(a[k] & b[k]);
      if (count < args.minAreas || count === 0) continue;
      const row: ThemePairRow & { i: number; j: number } = {
        i,
        j,
        themeIds: [index.themeIds[i], index.themeIds[j]],
        count,
        areaIds: [],
        themeAreaCounts: [sizes[i], sizes[j]],
        areasWithFindings,
        lift: (count * areasWithFindings) / (sizes[i] * sizes[j]),
      };
      insertTop(top, row, args.first, compareThemePairs);
    }
  }
  return top.map(({ i, j, ...row }) => {
    const both = new AreaBitset(0, themes[i].words.map((w, k) => w & themes[j].words[k]));
    return { ...row, areaIds: both.indexes().map((a) => index.areaIds[a]) };
  });
}
