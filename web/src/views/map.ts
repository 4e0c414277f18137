import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import type { FeatureCollection, Geometry } from 'geojson';
import { feature } from 'topojson-client';
import type { Topology } from 'topojson-specification';
import { gql } from '../api';
import { failed, h, loading, queryBox } from '../dom';
import { outcomeText, TIER_COLOUR, TIER_LABEL, tierOf, type Tier } from '../outcomes';
import { bands, INDICATOR_MAP_QUERY, indicatorSource, indicatorValues, valueText, type IndicatorInfo } from './indicator-map';

/** England, every area coloured by its latest outcome or by whether a chosen theme is among its weaknesses. */

export const MAP_QUERY = `
query MapAreas($after: String) {
  areas(first: 100, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    nodes { id name region { name } latestOutcome }
  }
  themes(first: 1000) { id label }
}`;

export const THEME_QUERY = `
query AreasWithThemeAsWeakness($themeId: ID!) {
  theme(id: $themeId) { id label areas(polarity: WEAKNESS, first: 1000) { id } }
}`;

interface MapArea { id: string; name: string; region: { name: string } | null; latestOutcome: string | null }
interface MapPage { areas: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: MapArea[] }; themes: { id: string; label: string }[] }
type Shapes = FeatureCollection<Geometry, { name: string; gssCode: string }> & { attribution: string };

let shapes: Promise<Shapes> | null = null;
function loadShapes(): Promise<Shapes> {
  shapes ??= fetch('/explorer/geo/send-areas.topo.json')
    .then((r) => r.json() as Promise<Topology & { metadata: { attribution: string } }>)
    .then((topo) => ({ ...(feature(topo, topo.objects.areas) as Shapes), attribution: topo.metadata.attribution }));
  return shapes;
}

async function allAreas(): Promise<{ areas: MapArea[]; themes: MapPage['themes'] }> {
  const areas: MapArea[] = [];
  let after: string | null = null;
  let themes: MapPage['themes'] = [];
  for (;;) {
    const page: MapPage = await gql<MapPage>(MAP_QUERY, { after });
    areas.push(...page.areas.nodes);
    themes = page.themes;
    if (!page.areas.pageInfo.hasNextPage) break;
    after = page.areas.pageInfo.endCursor;
  }
  return { areas, themes };
}

const THEME_COLOUR = { yes: '#CC79A7', no: '#d9d9d9' };

export async function renderMap(main: HTMLElement, params: URLSearchParams): Promise<void> {
  loading(main, 'the map');
  try {
    const themeId = params.get('theme');
    const indicatorName = params.get('indicator');
    const asked = Number(params.get('year') ?? 2024);
    let year = asked;
    const [{ areas, themes }, geo, withTheme, asAsked] = await Promise.all([
      allAreas(),
      loadShapes(),
      themeId ? gql<{ theme: { label: string; areas: { id: string }[] } | null }>(THEME_QUERY, { themeId }) : Promise.resolve(null),
      indicatorValues(indicatorName ?? 'ehc-20-week-rate', year),
    ]);
    let byIndicator = asAsked;
    const info = indicatorName ? byIndicator.indicators.find((i) => i.name === indicatorName) ?? null : null;
    // A year the indicator was not published in would colour every area grey: show its nearest year instead.
    const range = (i: IndicatorInfo, y: number) => (i.firstYear && i.lastYear ? Math.min(i.lastYear, Math.max(i.firstYear, y)) : y);
    if (info && range(info, year) !== year) {
      year = range(info, year);
      byIndicator = await indicatorValues(info.name, year);
      history.replaceState(null, '', `#/map?indicator=${encodeURIComponent(info.name)}&year=${year}`);
    }
    // Counted over the areas drawn (the current ones), not the former areas the graph also holds.
    const scale = info ? bands(info, geo.features.map((f) => byIndicator.values.get(String(f.id)) ?? null)) : null;
    const byId = new Map(areas.map((a) => [a.id, a]));
    const themed = withTheme?.theme ? new Set(withTheme.theme.areas.map((a) => a.id)) : null;

    const describe = (a: MapArea) =>
      info ? `${a.name}: ${info.label.toLowerCase()} ${year}: ${valueText(info, byIndicator.values.get(a.id) ?? null)}`
        : themed ? `${a.name}: ${themed.has(a.id) ? '' : 'not '}criticised for ${withTheme!.theme!.label.toLowerCase()}` : `${a.name}: ${outcomeText(a.latestOutcome)}`;
    const colour = (a: MapArea | undefined) => (!a ? TIER_COLOUR.none : scale ? scale.colour(byIndicator.values.get(a.id) ?? null)
      : themed ? (themed.has(a.id) ? THEME_COLOUR.yes : THEME_COLOUR.no) : TIER_COLOUR[tierOf(a.latestOutcome)]);

    const chooser = h('select', { id: 'colour-by', onchange: (e: Event) => {
      const v = (e.target as HTMLSelectElement).value;
      const chosen = byIndicator.indicators.find((i) => `indicator:${i.name}` === v);
      location.hash = chosen ? `#/map?indicator=${encodeURIComponent(chosen.name)}&year=${range(chosen, year)}` : v ? `#/map?theme=${encodeURIComponent(v)}` : '#/map';
    } },
      h('option', { value: '' }, 'latest inspection outcome (either framework)'),
      h('optgroup', { label: 'DfE statistics, for the year chosen' }, byIndicator.indicators.map((i) => h('option', { value: `indicator:${i.name}`, selected: i.name === indicatorName }, `${i.label} (${i.firstYear}–${i.lastYear})`))),
      h('optgroup', { label: 'Weakness themes' }, themes.map((t) => h('option', { value: t.id, selected: t.id === themeId }, `weakness: ${t.label}`))));
    const years = info?.firstYear && info.lastYear ? Array.from({ length: info.lastYear - info.firstYear + 1 }, (_, k) => info.firstYear! + k) : [];
    const yearChooser = info
      ? [h('label', { for: 'year' }, ' in '), h('select', { id: 'year', onchange: (e: Event) => {
        location.hash = `#/map?indicator=${encodeURIComponent(info.name)}&year=${(e.target as HTMLSelectElement).value}`;
      } }, years.map((y) => h('option', { value: y, selected: y === year }, String(y))))]
      : null;

    const legend = scale ? scale.legend : themed
      ? h('ul', { class: 'legend' },
        h('li', {}, h('span', { class: 'swatch', style: `background:${THEME_COLOUR.yes}` }), `${withTheme!.theme!.label} among its weaknesses (${themed.size} areas)`),
        h('li', {}, h('span', { class: 'swatch', style: `background:${THEME_COLOUR.no}` }), 'not among its weaknesses, or no findings in the graph'))
      : h('ul', { class: 'legend' }, (Object.keys(TIER_LABEL) as Tier[]).map((t) => {
        const n = areas.filter((a) => tierOf(a.latestOutcome) === t).length;
        return h('li', {}, h('span', { class: 'swatch', style: `background:${TIER_COLOUR[t]}` }), `${TIER_LABEL[t]} (${n})`);
      }));

    const mapEl = h('div', { id: 'map', role: 'application', 'aria-label': 'Map of England\'s local areas; Tab moves between areas, Enter opens one' });
    main.replaceChildren(
      h('h1', {}, 'England\'s local areas'),
      h('p', { class: 'controls' }, h('label', { for: 'colour-by' }, 'Colour areas by '), chooser, yearChooser),
      ...(info && year !== asked ? [h('p', { role: 'status' }, `The DfE published ${info.label.toLowerCase()} ${info.firstYear === info.lastYear ? `for ${info.firstYear} only` : `from ${info.firstYear} to ${info.lastYear}`}, not for ${asked}: the map shows ${year}.`)] : []),
      legend,
      mapEl,
      ...(info ? [indicatorSource(info, year)] : []),
      h('p', { class: 'attribution' }, geo.attribution),
      info ? queryBox(INDICATOR_MAP_QUERY, { name: info.name, year, after: null }) : queryBox(themeId ? THEME_QUERY : MAP_QUERY, themeId ? { themeId } : { after: null }),
      h('details', { class: 'area-list' }, h('summary', {}, `All ${areas.length} areas as a list`),
        h('ul', {}, areas.map((a) => h('li', {}, h('a', { href: `#/area/${a.id}` }, a.name), ` (${a.region?.name ?? 'no region'}): ${info ? `${valueText(info, byIndicator.values.get(a.id) ?? null)} in ${year}; ` : ''}${outcomeText(a.latestOutcome)}`)))),
    );

    const map = L.map(mapEl, { attributionControl: false, zoomSnap: 0.25, minZoom: 5, maxZoom: 11 });
    const layer = L.geoJSON(geo, {
      style: (f) => ({ color: '#333', weight: 0.6, fillOpacity: 0.85, fillColor: colour(byId.get(String(f?.id))) }),
      onEachFeature: (f, l) => {
        const a = byId.get(String(f.id));
        l.bindTooltip(a ? describe(a) : `${f.properties.name}: not in the graph`, { sticky: true });
        l.on('click', () => { location.hash = `#/area/${f.id}`; });
        l.on('add', () => {
          const el = (l as L.Path).getElement();
          if (!el) return;
          el.setAttribute('tabindex', '0');
          el.setAttribute('role', 'link');
          el.setAttribute('data-area', String(f.id));
          el.setAttribute('aria-label', a ? describe(a) : f.properties.name);
          el.addEventListener('focus', () => l.openTooltip());
          el.addEventListener('blur', () => l.closeTooltip());
          el.addEventListener('keydown', (e) => {
            if ((e as KeyboardEvent).key === 'Enter') location.hash = `#/area/${f.id}`;
          });
        });
      },
    }).addTo(map);
    map.fitBounds(layer.getBounds());
  } catch (err) {
    failed(main, err);
  }
}
