import { REL_TYPES, type Bundle, type FindingRow, type Polarity } from '../domain/model';
import { byId } from './ordering';

/**
 * A derived relationship, written by the seeding alongside the stated ones and never shown as a
 * fact of its own: `(holder)-[:HAS_THEME {polarity, findings, findingIds}]->(:Theme)`, one per
 * holder, theme and polarity, where the holder is the area an inspection's findings are about (an
 * Area) or, for a national report's findings, the Review itself. `findingIds` are the findings
 * (of that polarity, about that theme) behind it, sorted; `findings` is their number.
 *
 * The analyses read these few thousand relationships instead of walking every finding: at
 * national scale (152 areas, ~13k findings) about 4k rows in all, at most 2 x 152 per theme.
 */
export const HAS_THEME = 'HAS_THEME';

export interface HasThemeRow {
  from: string;
  to: string;
  polarity: Polarity;
  findingIds: string[];
}

const typeIndex = (name: (typeof REL_TYPES)[number]) => REL_TYPES.indexOf(name);

/** Every HAS_THEME relationship the bundle implies, ordered by holder, theme and polarity. */
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
    const holder = nodes[finder].label === 'Inspection' ? areaOf.get(finder) : finder;
    if (holder === undefined) continue;
    const [from, to] = [nodes[holder].id, nodes[r.to[e]].id];
    const key = `${from}|${to}|${finding.polarity}`;
    let row = rows.get(key);
    if (!row) rows.set(key, (row = { from, to, polarity: finding.polarity, findingIds: [] }));
    row.findingIds.push(finding.id);
  }
  for (const row of rows.values()) row.findingIds.sort(byId);
  return [...rows.values()].sort((a, b) => byId(a.from, b.from) || byId(a.to, b.to) || byId(a.polarity, b.polarity));
}
