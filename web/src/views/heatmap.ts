import * as Plot from '@observablehq/plot';
import { gql } from '../api';
import { failed, h, loading, queryBox } from '../dom';

/** Areas × themes: how many findings of one polarity each area's inspections have about each theme. */

export const HEATMAP_QUERY = `
query HeatMap($regionId: ID, $polarity: Polarity!, $after: String) {
  areas(regionId: $regionId, first: 20, after: $after) {
    pageInfo { hasNextPage endCursor }
    nodes {
      id name region { id name }
      inspections(first: 10) { id framework findings(polarity: $polarity, first: 60) { id themes(first: 5) { id } } }
    }
  }
  themes(first: 1000) { id label }
  regions(first: 100) { id name }
}`;

interface Answer {
  areas: { pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: { id: string; name: string; region: { id: string; name: string } | null; inspections: { id: string; framework: string; findings: { id: string; themes: { id: string }[] }[] }[] }[] };
  themes: { id: string; label: string }[];
  regions: { id: string; name: string }[];
}
interface Cell { areaId: string; area: string; region: string; themeId: string; theme: string; count: number }

const SORTS = { total: 'most findings first', name: 'area name', region: 'region, then area name' } as const;
type Sort = keyof typeof SORTS;

export async function renderHeatmap(main: HTMLElement, params: URLSearchParams): Promise<void> {
  const regionId = params.get('region') || null;
  const polarity = params.get('polarity') === 'STRENGTH' ? 'STRENGTH' : 'WEAKNESS';
  const framework = params.get('framework') || '';
  const sort = (params.get('sort') as Sort) in SORTS ? (params.get('sort') as Sort) : 'total';
  loading(main, 'the heat map');
  try {
    const nodes: Answer['areas']['nodes'] = [];
    let after: string | null = null;
    let page: Answer;
    do {
      page = await gql<Answer>(HEATMAP_QUERY, { regionId, polarity, after });
      nodes.push(...page.areas.nodes);
      after = page.areas.pageInfo.endCursor;
    } while (page.areas.pageInfo.hasNextPage);
    const themeLabel = new Map(page.themes.map((t) => [t.id, t.label]));

    const cells: Cell[] = [];
    for (const a of nodes) {
      const counts = new Map<string, number>();
      for (const i of a.inspections) {
        if (framework && i.framework !== framework) continue;
        for (const f of i.findings) for (const t of f.themes) counts.set(t.id, (counts.get(t.id) ?? 0) + 1);
      }
      for (const [themeId, count] of counts) cells.push({ areaId: a.id, area: a.name, region: a.region?.name ?? '', themeId, theme: themeLabel.get(themeId) ?? themeId, count });
    }
    const totals = new Map<string, number>();
    for (const c of cells) totals.set(c.area, (totals.get(c.area) ?? 0) + c.count);
    const regionOf = new Map(cells.map((c) => [c.area, c.region]));
    const areaOrder = [...totals.keys()].sort((a, b) =>
      sort === 'total' ? totals.get(b)! - totals.get(a)! || a.localeCompare(b)
        : sort === 'region' ? regionOf.get(a)!.localeCompare(regionOf.get(b)!) || a.localeCompare(b) : a.localeCompare(b));
    const themeTotals = new Map<string, number>();
    for (const c of cells) themeTotals.set(c.theme, (themeTotals.get(c.theme) ?? 0) + c.count);
    const themeOrder = [...themeTotals.keys()].sort((a, b) => themeTotals.get(b)! - themeTotals.get(a)! || a.localeCompare(b));

    // Tab moves through the cells row by row, as they are drawn.
    const row = new Map(areaOrder.map((a, i) => [a, i]));
    const col = new Map(themeOrder.map((t, i) => [t, i]));
    cells.sort((a, b) => row.get(a.area)! - row.get(b.area)! || col.get(a.theme)! - col.get(b.theme)!);

    const set = (key: string, value: string) => {
      const p = new URLSearchParams(params);
      if (value) p.set(key, value);
      else p.delete(key);
      location.hash = `#/heatmap?${p}`;
    };
    const select = (id: string, label: string, key: string, current: string, options: [string, string][]) => [
      h('label', { for: id }, label),
      h('select', { id, onchange: (e: Event) => set(key, (e.target as HTMLSelectElement).value) }, options.map(([v, t]) => h('option', { value: v, selected: v === current }, t))),
    ];

    const word = polarity === 'WEAKNESS' ? 'weaknesses' : 'strengths';
    const some = (n: number) => `${n} ${n === 1 ? word.replace(/e?s$/, '') : word}`;
    const chart = cells.length
      ? Plot.plot({
        marginLeft: 190, marginBottom: 150, width: Math.max(640, 190 + themeOrder.length * 34), height: 150 + areaOrder.length * 22 + 30,
        x: { domain: themeOrder, tickRotate: -45, label: null },
        y: { domain: areaOrder, label: null },
        color: { type: 'linear', scheme: 'cividis', domain: [0, Math.max(...cells.map((c) => c.count))], legend: true, label: `${word} found` },
        marks: [
          Plot.cell(cells, {
            x: 'theme', y: 'area', fill: 'count', inset: 0.5,
            href: (c: Cell) => `#/cell/${c.areaId}/${c.themeId}?polarity=${polarity}${framework ? `&framework=${framework}` : ''}`,
            title: (c: Cell) => `${c.area}, ${c.theme}: ${some(c.count)}`,
            ariaLabel: (c: Cell) => `${c.area}, ${c.theme}: ${some(c.count)}; open the findings`,
          }),
          Plot.text(cells, { x: 'theme', y: 'area', text: 'count', fill: (c: Cell) => (c.count > Math.max(...cells.map((x) => x.count)) / 2 ? 'black' : 'white'), pointerEvents: 'none' }),
        ],
      })
      : h('p', {}, `No ${word} in the graph for this choice.`);

    main.replaceChildren(
      h('h1', {}, `Areas × themes: ${word}`),
      h('p', { class: 'controls' },
        select('hm-polarity', 'Show ', 'polarity', polarity, [['WEAKNESS', 'weaknesses'], ['STRENGTH', 'strengths']]),
        select('hm-region', ' in ', 'region', regionId ?? '', [['', 'every region'], ...page.regions.map((r): [string, string] => [r.id, r.name])]),
        select('hm-framework', ' from ', 'framework', framework, [['', 'both frameworks'], ['FRAMEWORK_2016', 'the 2016 framework'], ['FRAMEWORK_2023', 'the 2023 framework']]),
        select('hm-sort', ' sorted by ', 'sort', sort, Object.entries(SORTS) as [string, string][])),
      h('p', {}, `${areaOrder.length} areas with ${word} in the graph; each cell opens the findings behind it (Tab moves between cells).`),
      h('div', { class: 'heatmap' }, chart),
      h('p', {}, 'The same matrix for R, Python or a spreadsheet: ', h('a', { href: `/export/area-theme-${word}.csv` }, `area-theme-${word}.csv`), '.'),
      queryBox(HEATMAP_QUERY, { regionId, polarity, after: null }),
    );
  } catch (err) {
    failed(main, err);
  }
}
