import { agencyList, nhsTimeline } from './nhs-timeline';
import { gql } from '../api';
import { failed, h, loading, queryBox } from '../dom';
import { FRAMEWORK_LABEL, KIND_LABEL, outcomeText, TIER_COLOUR, tierOf } from '../outcomes';
import { contextSection } from './context';

/** One area: its inspections in time order, the findings of one grouped by theme, its agencies, similar areas. */

export const AREA_QUERY = `
query AreaPage($id: ID!) {
  area(id: $id) {
    id name kind gssCode laCode latestOutcome
    region { id name }
    activeTo { iso }
    succeededBy { area { id name } on { iso } }
    predecessors { area { id name } on { iso } }
    inspections {
      id framework kind outcome
      startedOn { iso } publishedOn { iso }
      significantWeaknesses weaknessesWithProgress weaknessesWithoutProgress
      sources { id title url }
      findings { id polarity summary quote themes { id label } sources { id title url file } }
      actions { id kind title status }
    }
    services(first: 300) {
      from to share
      agency { id name kind successors(first: 5) { agency { id name kind } on { iso } } }
    }
  }
  similarAreas(areaId: $id, first: 8) { area { id name } score sharedThemes(first: 100) { id label } }
}`;

interface Src { id: string; title: string; url: string | null; file?: string | null }
export interface FindingView { id: string; polarity: 'STRENGTH' | 'WEAKNESS'; summary: string; quote: string | null; themes: { id: string; label: string }[]; sources: Src[] }
interface InspectionView {
  id: string; framework: string; kind: string; outcome: string | null;
  startedOn: { iso: string } | null; publishedOn: { iso: string } | null;
  significantWeaknesses: number | null; weaknessesWithProgress: number | null; weaknessesWithoutProgress: number | null;
  sources: Src[]; findings: FindingView[]; actions: { id: string; kind: string; title: string; status: string }[];
}
interface Succession { agency: { id: string; name: string; kind: string }; on: { iso: string } | null }
export interface ServiceView { from: string | null; to: string | null; share: number | null; agency: { id: string; name: string; kind: string; successors: Succession[] } }
interface AreaPage {
  area: null | {
    id: string; name: string; kind: string; gssCode: string; laCode: string; latestOutcome: string | null;
    region: { id: string; name: string } | null; activeTo: { iso: string } | null;
    succeededBy: { area: { id: string; name: string }; on: { iso: string } | null }[];
    predecessors: { area: { id: string; name: string }; on: { iso: string } | null }[];
    inspections: InspectionView[];
    services: ServiceView[];
  };
  similarAreas: { area: { id: string; name: string }; score: number; sharedThemes: { id: string; label: string }[] }[];
}

const when = (i: InspectionView) => i.startedOn?.iso ?? (i.publishedOn ? `published ${i.publishedOn.iso}` : 'date not known');
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
export const readableDate = (iso: string) => {
  const [y, m, d] = iso.split('-');
  return [d ? String(Number(d)) : '', m ? MONTHS[Number(m) - 1] : '', y].filter(Boolean).join(' ');
};
const inspectionTitle = (i: InspectionView) => `${KIND_LABEL[i.kind] ?? i.kind}, ${i.startedOn ? readableDate(i.startedOn.iso) : when(i)}`;

export function sourceLink(s: Src): HTMLElement {
  return s.url ? h('a', { href: s.url, rel: 'noreferrer' }, s.title) : h('span', {}, s.title + (s.file ? ` (${s.file})` : ''));
}

/** Findings under theme headings: a finding about two themes is listed under both. */
export function findingsByTheme(findings: FindingView[]): HTMLElement {
  const groups = new Map<string, { label: string; findings: FindingView[] }>();
  for (const f of findings) for (const t of f.themes.length ? f.themes : [{ id: '', label: 'No theme' }]) {
    const g = groups.get(t.id) ?? { label: t.label, findings: [] };
    g.findings.push(f);
    groups.set(t.id, g);
  }
  const sorted = [...groups.values()].sort((a, b) => b.findings.length - a.findings.length || a.label.localeCompare(b.label));
  return h('div', { class: 'themes' }, sorted.map((g) => h('section', { class: 'theme-group' },
    h('h4', {}, `${g.label} (${g.findings.length})`),
    h('ul', {}, g.findings.map((f) => h('li', { class: 'finding', 'data-finding': f.id },
      h('p', { class: 'summary' }, f.summary),
      f.quote ? h('blockquote', {}, `“${f.quote}”`) : null,
      h('p', { class: 'source' }, 'Source: ', f.sources.map((s, i) => [i ? '; ' : '', sourceLink(s)]).flat())))))));
}

export async function renderArea(main: HTMLElement, id: string, params: URLSearchParams): Promise<void> {
  loading(main, id);
  try {
    const { area, similarAreas } = await gql<AreaPage>(AREA_QUERY, { id });
    if (!area) {
      main.replaceChildren(h('p', { role: 'alert' }, `No area has the id "${id}".`), h('a', { href: '#/map' }, 'Back to the map'));
      return;
    }
    const inspections = area.inspections;
    const chosen = inspections.find((i) => i.id === params.get('inspection')) ?? inspections[inspections.length - 1];

    const timeline = h('ol', { class: 'timeline', 'aria-label': 'Inspections in time order' }, inspections.map((i) =>
      h('li', {}, h('a', {
        href: `#/area/${area.id}?inspection=${i.id}`, class: 'inspection', 'data-inspection': i.id,
        'aria-current': i === chosen ? 'true' : undefined,
      },
      h('span', { class: 'swatch', style: `background:${TIER_COLOUR[tierOf(i.outcome)]}` }),
      h('strong', {}, inspectionTitle(i)), h('br', {}),
      `${FRAMEWORK_LABEL[i.framework] ?? i.framework}: ${outcomeText(i.outcome)}`))));

    const detail = chosen ? inspectionDetail(area.id, chosen) : h('p', {}, 'The graph holds no inspection of this area yet.');

    const agencies = agencyList(area.services);

    const similar = similarAreas.length
      ? h('ol', { class: 'similar' }, similarAreas.map((s) => h('li', {},
        h('a', { href: `#/area/${s.area.id}` }, s.area.name), ` (similarity ${s.score.toFixed(2)}): shared weaknesses `,
        s.sharedThemes.map((t, i) => [i ? ', ' : '', h('a', { href: `#/cell/${s.area.id}/${t.id}?polarity=WEAKNESS` }, t.label)]).flat())))
      : h('p', {}, 'No other area shares a weakness theme with this one in the graph.');

    const context = h('section', { class: 'context-loading' }, h('p', { role: 'status' }, 'Loading the area in context…'));
    // The findings can run to pages: these lead past them. Scrolled by script, since the address's #fragment is the route.
    const jump = (target: string, text: string) => h('a', { href: `#/area/${area.id}`, onclick: (e: Event) => {
      e.preventDefault();
      const el = document.getElementById(target);
      el?.setAttribute('tabindex', '-1');
      el?.scrollIntoView();
      el?.focus({ preventScroll: true });
    } }, text);
    const contents = h('nav', { class: 'contents', 'aria-label': 'On this page' }, 'On this page: ',
      [jump('inspection-heading', 'the chosen inspection'), jump('nhs-heading', 'NHS bodies through time'), jump('agencies-heading', 'agencies'),
        jump('similar-heading', 'similar areas'), jump('context-heading', 'EHC plans in 20 weeks'), jump('neighbours-heading', 'statistical neighbours')]
        .flatMap((a, k) => (k ? [' · ', a] : [a])));
    main.replaceChildren(
      h('p', { class: 'crumbs' }, h('a', { href: '#/map' }, 'Map'), ' › ', area.name),
      h('h1', {}, area.name),
      h('p', {}, `${area.kind.replace(/_/g, ' ').toLowerCase()}, ${area.region?.name ?? 'no region'}; GSS ${area.gssCode}, LA code ${area.laCode}`,
        area.activeTo ? `; ceased ${area.activeTo.iso}` : '',
        area.succeededBy.length ? ['; succeeded by ', area.succeededBy.map((s, i) => [i ? ', ' : '', h('a', { href: `#/area/${s.area.id}` }, s.area.name)]).flat()] : '',
        area.predecessors.length ? ['; replaced ', area.predecessors.map((s, i) => [i ? ', ' : '', h('a', { href: `#/area/${s.area.id}` }, s.area.name)]).flat()] : ''),
      contents,
      h('h2', {}, `Inspections (${inspections.length})`),
      timeline,
      detail,
      h('h2', { id: 'nhs-heading' }, 'NHS bodies through time'),
      nhsTimeline(area.services),
      h('h2', { id: 'agencies-heading' }, 'Agencies'),
      agencies,
      h('h2', { id: 'similar-heading' }, 'Areas with similar weaknesses'),
      similar,
      queryBox(AREA_QUERY, { id }),
      context,
    );
    contextSection(area.id).then((el) => context.replaceWith(el), (err) => failed(context, err));
  } catch (err) {
    failed(main, err);
  }
}

function inspectionDetail(areaId: string, i: InspectionView): HTMLElement {
  const weaknesses = i.findings.filter((f) => f.polarity === 'WEAKNESS');
  const strengths = i.findings.filter((f) => f.polarity === 'STRENGTH');
  const counts = [
    i.significantWeaknesses !== null ? `${i.significantWeaknesses} significant weaknesses` : null,
    i.weaknessesWithProgress !== null ? `sufficient progress on ${i.weaknessesWithProgress}` : null,
    i.weaknessesWithoutProgress !== null ? `not on ${i.weaknessesWithoutProgress}` : null,
  ].filter(Boolean).join(', ');
  return h('section', { class: 'inspection-detail', 'aria-labelledby': 'inspection-heading' },
    h('h3', { id: 'inspection-heading' }, inspectionTitle(i)),
    h('p', {}, outcomeText(i.outcome), counts ? `; ${counts}` : '', '. Sources: ', i.sources.map((s, n) => [n ? '; ' : '', sourceLink(s)]).flat()),
    weaknesses.length
      ? h('p', {}, h('a', { href: `#/similar/${i.id}`, class: 'same-things' }, `Areas criticised for the same things (${new Set(weaknesses.flatMap((f) => f.themes.map((t) => t.id))).size} themes)`))
      : null,
    h('h3', {}, `Weaknesses (${weaknesses.length})`),
    weaknesses.length ? findingsByTheme(weaknesses) : h('p', {}, 'None in the graph for this inspection.'),
    h('h3', {}, `Strengths (${strengths.length})`),
    strengths.length ? findingsByTheme(strengths) : h('p', {}, 'None in the graph for this inspection.'),
    i.actions.length ? [h('h3', {}, 'Actions required'), h('ul', {}, i.actions.map((a) => h('li', {}, `${a.title} (${a.kind}, ${a.status.toLowerCase()})`)))] : null,
    h('p', {}, h('a', { href: `#/map`, class: 'back' }, 'Back to the map'), ' · ', h('a', { href: `/export/graph.graphml?id=${areaId}&depth=2` }, 'Download this area\'s neighbourhood (GraphML)')));
}
