import { relationshipRows, type FindingRow, type InspectionFramework, type InspectionRow, type Polarity } from '../src/domain/model';
import type { AreaSimilarityRow, ThemePairRow, WeaknessPatternRow } from '../src/store/port';
import { seedBundle } from './helpers';

/**
 * What the seeds say about themes, counted the plain way from the seed loader's bundle, one
 * relationship row at a time. The 45 ingested reports' themes are the machine classifier's and
 * change when it is retrained: tests whose answers follow them compute the expected answer here
 * instead of quoting it. Nothing here uses the stores' indexes or ordering code.
 */

/** One theme of one finding, with where the finding was found. */
export interface ThemeFact {
  findingId: string;
  themeId: string;
  polarity: Polarity;
  /** The area of the inspection that found it; null for a national review's finding. */
  areaId: string | null;
  framework: InspectionFramework | null;
  assignedBy: string | undefined;
  reason: string | null | undefined;
}

/** The stores' row shapes, as the plain counts here give them (similar areas without their evidence). */
type Pattern = WeaknessPatternRow;
type Similar = Omit<AreaSimilarityRow, 'evidence'>;
type ThemePair = ThemePairRow;

const sorted = <T extends string>(xs: Iterable<T>): T[] => [...new Set(xs)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

let facts: ThemeFact[] | null = null;
let regionOf: Map<string, string> | null = null;

/** Every theme of every finding in the seeds. */
export function themeFacts(): ThemeFact[] {
  if (facts) return facts;
  const bundle = seedBundle();
  const rels = relationshipRows(bundle);
  const node = (id: string) => bundle.nodes[bundle.nodeIndex.get(id)!];
  const finderOf = new Map(rels.filter((r) => r.type === 'FOUND').map((r) => [r.to, r.from]));
  const areaOfInspection = new Map(rels.filter((r) => r.type === 'OF').map((r) => [r.from, r.to]));
  facts = rels
    .filter((r) => r.type === 'ABOUT')
    .map((about) => {
      const finding = node(about.from) as FindingRow;
      const finder = node(finderOf.get(finding.id)!);
      const isInspection = finder.label === 'Inspection';
      return {
        findingId: finding.id,
        themeId: about.to,
        polarity: finding.polarity,
        areaId: isInspection ? (areaOfInspection.get(finder.id) ?? null) : null,
        framework: isInspection ? (finder as InspectionRow).framework : null,
        assignedBy: about.assignedBy as string | undefined,
        reason: about.reason as string | null | undefined,
      };
    });
  return facts;
}

function region(areaId: string): string | undefined {
  regionOf ??= new Map(relationshipRows(seedBundle()).filter((r) => r.type === 'IN_REGION').map((r) => [r.from, r.to]));
  return regionOf.get(areaId);
}

/** A finding's themes, by id. */
export const themesOfFinding = (findingId: string): string[] => sorted(themeFacts().filter((f) => f.findingId === findingId).map((f) => f.themeId));

/** The facts of areas' inspections, of one polarity (or both) and one framework (or all). */
const areaFacts = (polarity?: Polarity, framework?: InspectionFramework | null) =>
  themeFacts().filter((f) => f.areaId !== null && (!polarity || f.polarity === polarity) && (!framework || f.framework === framework));

/** Each area's themes: those of its inspections' findings of the polarity. */
export function areaThemes(polarity: Polarity, framework?: InspectionFramework | null): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const f of areaFacts(polarity, framework)) out.set(f.areaId!, sorted([...(out.get(f.areaId!) ?? []), f.themeId]));
  return out;
}

/** The areas with a finding about the theme (of the polarity, if given), by id. */
export const areasWithTheme = (themeId: string, polarity?: Polarity): string[] =>
  sorted(areaFacts(polarity).filter((f) => f.themeId === themeId).map((f) => f.areaId!));

/** A theme's findings (areas' and reviews') and the areas with a finding about it, either polarity. */
export const themeCounts = (themeId: string) => ({
  themeId,
  findingCount: new Set(themeFacts().filter((f) => f.themeId === themeId).map((f) => f.findingId)).size,
  areaCount: areasWithTheme(themeId).length,
});

/** Every combination of up to maxThemes weakness themes that at least minAreas areas all have; most areas first, then more themes, then theme ids. */
export function weaknessPatterns(args: { minAreas: number; maxThemes: number; regionId?: string }): Pattern[] {
  const themesOf = [...areaThemes('WEAKNESS')].filter(([areaId]) => !args.regionId || region(areaId) === args.regionId);
  const themes = sorted(themesOf.flatMap(([, ts]) => ts));
  const out: Pattern[] = [];
  const extend = (start: number, combo: string[]) => {
    if (combo.length) {
      const areaIds = themesOf.filter(([, ts]) => combo.every((t) => ts.includes(t))).map(([a]) => a).sort();
      if (areaIds.length < args.minAreas || areaIds.length === 0) return; // a superset has no more areas
      out.push({ themeIds: combo, areaIds, support: areaIds.length });
    }
    if (combo.length < args.maxThemes) for (let i = start; i < themes.length; i++) extend(i + 1, [...combo, themes[i]]);
  };
  extend(0, []);
  const key = (p: Pattern) => p.themeIds.join('|');
  return out.sort((a, b) => b.support - a.support || b.themeIds.length - a.themeIds.length || (key(a) < key(b) ? -1 : 1));
}

/** The weakness findings of the areas about any of the themes, by id. */
export const patternFindingIds = (themeIds: string[], areaIds: string[]): string[] =>
  sorted(areaFacts('WEAKNESS').filter((f) => areaIds.includes(f.areaId!) && themeIds.includes(f.themeId)).map((f) => f.findingId));

/** The other areas ranked by Jaccard similarity of their theme sets to the area's (highest first, then by id); only areas sharing a theme. */
export function jaccardRanking(areaId: string, polarity: Polarity, framework?: InspectionFramework | null): Similar[] {
  const all = areaThemes(polarity, framework);
  const mine = all.get(areaId) ?? [];
  return [...all]
    .filter(([other]) => other !== areaId)
    .map(([other, theirs]) => {
      const shared = mine.filter((t) => theirs.includes(t));
      return { areaId: other, score: shared.length / new Set([...mine, ...theirs]).size, sharedThemeIds: shared };
    })
    .filter((s) => s.sharedThemeIds.length > 0)
    .sort((a, b) => b.score - a.score || (a.areaId < b.areaId ? -1 : 1));
}

/** Pairs of themes and the areas that have both (of the polarity), with the lift over chance; most areas first, then higher lift, then theme ids. */
export function themePairs(polarity: Polarity, minAreas: number, framework?: InspectionFramework | null): ThemePair[] {
  const all = areaThemes(polarity, framework);
  const n = all.size;
  const themes = sorted([...all.values()].flat());
  const areasOf = (t: string) => [...all].filter(([, ts]) => ts.includes(t)).map(([a]) => a).sort();
  const out: ThemePair[] = [];
  for (const [i, x] of themes.entries()) {
    for (const y of themes.slice(i + 1)) {
      const [ax, ay] = [areasOf(x), areasOf(y)];
      const both = ax.filter((a) => ay.includes(a));
      if (both.length === 0 || both.length < minAreas) continue;
      out.push({ themeIds: [x, y], count: both.length, areaIds: both, themeAreaCounts: [ax.length, ay.length], areasWithFindings: n, lift: (both.length * n) / (ax.length * ay.length) });
    }
  }
  return out.sort((a, b) => b.count - a.count || b.lift - a.lift || (a.themeIds.join('|') < b.themeIds.join('|') ? -1 : 1));
}
