import { gql } from '../api';
import { failed, h, loading, queryBox } from '../dom';
import { readableDate } from './area';

/** The areas whose weaknesses share themes with one inspection's weaknesses, ranked by how many they share. */

export const SAME_THINGS_QUERY = `
query CriticisedForTheSameThings($id: ID!) {
  inspection(id: $id) {
    id kind startedOn { iso } publishedOn { iso }
    area { id name }
    findings(polarity: WEAKNESS) { id themes { id label } }
  }
  themes(first: 100) { id label areas(polarity: WEAKNESS, first: 400) { id name } }
}`;

interface Answer {
  inspection: null | { id: string; startedOn: { iso: string } | null; publishedOn: { iso: string } | null; area: { id: string; name: string } | null; findings: { themes: { id: string; label: string }[] }[] };
  themes: { id: string; label: string; areas: { id: string; name: string }[] }[];
}

export async function renderSimilar(main: HTMLElement, inspectionId: string): Promise<void> {
  loading(main, 'areas with the same weaknesses');
  try {
    const { inspection, themes } = await gql<Answer>(SAME_THINGS_QUERY, { id: inspectionId });
    if (!inspection?.area) {
      main.replaceChildren(h('p', { role: 'alert' }, `No area inspection has the id "${inspectionId}".`));
      return;
    }
    const home = inspection.area;
    const criticised = new Set(inspection.findings.flatMap((f) => f.themes.map((t) => t.id)));
    const others = new Map<string, { name: string; themes: { id: string; label: string }[] }>();
    for (const t of themes) {
      if (!criticised.has(t.id)) continue;
      for (const a of t.areas) {
        if (a.id === home.id) continue;
        const o = others.get(a.id) ?? { name: a.name, themes: [] };
        o.themes.push({ id: t.id, label: t.label });
        others.set(a.id, o);
      }
    }
    const ranked = [...others.entries()].sort((a, b) => b[1].themes.length - a[1].themes.length || a[1].name.localeCompare(b[1].name));
    const date = inspection.startedOn ?? inspection.publishedOn;
    const title = `Areas criticised for the same things as ${home.name}${date ? ` ${date.iso.length > 7 ? 'on' : 'in'} ${readableDate(date.iso)}` : ''}`;
    main.replaceChildren(
      h('p', { class: 'crumbs' }, h('a', { href: '#/map' }, 'Map'), ' › ', h('a', { href: `#/area/${home.id}?inspection=${inspection.id}` }, home.name), ' › same weaknesses'),
      h('h1', {}, title),
      h('p', {}, `${home.name}'s weaknesses at this inspection are about ${criticised.size} themes: `,
        themes.filter((t) => criticised.has(t.id)).map((t, i) => [i ? ', ' : '', h('a', { href: `#/cell/${home.id}/${t.id}?polarity=WEAKNESS` }, t.label)]).flat(),
        '. Areas ranked by how many of them inspectors also named as weaknesses there; each theme opens the findings behind it.'),
      ranked.length
        ? h('ol', { class: 'ranked' }, ranked.map(([id, o]) => h('li', { 'data-area': id },
          h('a', { href: `#/area/${id}` }, o.name), ` shares ${o.themes.length}: `,
          o.themes.map((t, i) => [i ? ', ' : '', h('a', { href: `#/cell/${id}/${t.id}?polarity=WEAKNESS` }, t.label)]).flat())))
        : h('p', {}, 'No other area in the graph has weaknesses about these themes.'),
      queryBox(SAME_THINGS_QUERY, { id: inspectionId }),
    );
  } catch (err) {
    failed(main, err);
  }
}
