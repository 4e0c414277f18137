import { REL_TYPES, type Bundle, type FindingRow, type InspectionFramework, type InspectionRow, type Polarity } from '../domain/model';
import { byId } from './ordering';

/**
 * A derived relationship, written by the seeding alongside the stated ones and never shown as a
 * fact of its own: `(holder)-[:HAS_THEME {polarity, framework, variant, findings, findingIds}]->(:Theme)`,
 * one per holder, theme, polarity and inspection framework, where the holder is the area an
 * inspection's findings are about (an Area) or, for a national report's findings, the Review
 * itself (no framework). `findingIds` are the findings (of that polarity, from inspections of that
 * framework, about that theme) behind it, sorted; `findings` is their number. `variant` is
 * "polarity|framework" (framework empty for a review): what seeding merges on and clean-up keys
 * on, since a property merged on cannot be null.
 *
 * The analyses read these few thousand relationships instead of walking every finding: at
 * national scale (152 areas, ~13k findings) 5,032 in all, at most 2 x 2 x 152 per theme; in the
 * seeds (45 full reports and the earlier inspections) about a thousand (the README gives the count).
 * Asked for no framework, an analysis reads both frameworks' relationships and counts each area
 * or theme once.
 */
export const HAS_THEME = 'HAS_THEME';

export interface HasThemeRow {
  from: string;
  to: string;
  polarity: Polarity;
  /** The framework of the inspections whose findings these are; null for a review's findings. */
  framework: InspectionFramework | null;
  findingIds: string[];
}

/** What tells a holder's HAS_THEME relationships to one theme apart (see above). */
export const hasThemeVariant = (polarity: Polarity, framework: InspectionFramework | null) => `${polarity}|${framework ?? ''}`;

const typeIndex = (name: (typeof REL_TYPES)[number]) => REL_TYPES.indexOf(name);

/** Every HAS_THEME relationship the bundle implies, ordered by holder, theme, polarity and framework. */
export function hasThemeRows(bundle: Bundle): HasThemeRow[] {
  const { nodes } = bundle;
  const r = bundle.relationships;
  const [OF, FOUND, ABOUT] = [typeIndex('OF'), typeIndex('FOUND'), typeIndex('ABOUT')];

  // Node positions: an inspection's area, a finding's finder.
  const areaOf = new Map<number, number>();
  const finderOf = new Map<number, number>();
  for (let e = 0; e < r.count; e++) {
    if (r.type[e] === OF) areaOf.set(r.from[e], r.to[e]);
    else if (r.type[e] === FOUND) finderOf.set(r.to[e], r.from[e]);
  }

  const rows = new Map<string, HasThemeRow>();
  for (let e = 0; e < r.count; e++) {
    if (r.type[e] !== ABOUT) continue;
    const finding = nodes[r.from[e]] as FindingRow;
    const finder = finderOf.get(r.from[e]);
    if (finder === undefined) continue;
    const inspection = nodes[finder].label === 'Inspection' ? (nodes[finder] as InspectionRow) : null;
    const holder = inspection ? areaOf.get(finder) : finder;
    if (holder === undefined) continue;
    const [from, to, framework] = [nodes[holder].id, nodes[r.to[e]].id, inspection?.framework ?? null];
    const key = `${from}|${to}|${hasThemeVariant(finding.polarity, framework)}`;
    let row = rows.get(key);
    if (!row) rows.set(key, (row = { from, to, polarity: finding.polarity, framework, findingIds: [] }));
    row.findingIds.push(finding.id);
  }
  for (const row of rows.values()) row.findingIds.sort(byId);
  return [...rows.values()].sort(
    (a, b) => byId(a.from, b.from) || byId(a.to, b.to) || byId(hasThemeVariant(a.polarity, a.framework), hasThemeVariant(b.polarity, b.framework)),
  );
}

/**
 * Derived from the HAS_THEME rows for the Neo4j seeding: each theme's areas with a weakness
 * finding about it, in either framework (a review's findings have no area), in id order, stored
 * on the theme as `weaknessAreaIds` so that sharedWeaknesses reads 24 lists instead of thousands
 * of relationships and their polarity. Every theme gets a list, empty when no area has one.
 */
export const WEAKNESS_AREAS = 'weaknessAreaIds';

export function themeWeaknessAreas(rows: readonly HasThemeRow[], themeIds: readonly string[]): { id: string; areaIds: string[] }[] {
  const areas = new Map<string, Set<string>>(themeIds.map((id) => [id, new Set()]));
  for (const row of rows) if (row.polarity === 'WEAKNESS' && row.framework !== null) areas.get(row.to)?.add(row.from);
  return [...areas].map(([id, set]) => ({ id, areaIds: [...set].sort(byId) }));
}
