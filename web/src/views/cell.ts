import { gql } from '../api';
import { failed, h, loading, queryBox } from '../dom';
import { FRAMEWORK_LABEL } from '../outcomes';
import { findingsByTheme, readableDate, type FindingView } from './area';

/** The findings behind one heat-map cell: one area's findings of one polarity about one theme. */

export const CELL_QUERY = `
query CellFindings($areaId: ID!, $themeId: ID!, $polarity: Polarity!) {
  area(id: $areaId) {
    id name
    inspections {
      id framework startedOn { iso } publishedOn { iso }
      findings(polarity: $polarity) { id polarity summary quote themes { id label } sources { id title url file } }
    }
  }
  theme(id: $themeId) { id label description }
}`;

interface Answer {
  area: null | { id: string; name: string; inspections: { id: string; framework: string; startedOn: { iso: string } | null; publishedOn: { iso: string } | null; findings: FindingView[] }[] };
  theme: null | { id: string; label: string; description: string };
}

export async function renderCell(main: HTMLElement, areaId: string, themeId: string, params: URLSearchParams): Promise<void> {
  const polarity = params.get('polarity') === 'STRENGTH' ? 'STRENGTH' : 'WEAKNESS';
  const framework = params.get('framework');
  loading(main, 'the findings');
  try {
    const { area, theme } = await gql<Answer>(CELL_QUERY, { areaId, themeId, polarity });
    if (!area || !theme) {
      main.replaceChildren(h('p', { role: 'alert' }, `No ${area ? 'theme' : 'area'} has the id "${area ? themeId : areaId}".`));
      return;
    }
    const inspections = area.inspections
      .filter((i) => !framework || i.framework === framework)
      .map((i) => ({ ...i, findings: i.findings.filter((f) => f.themes.some((t) => t.id === themeId)) }))
      .filter((i) => i.findings.length);
    const total = inspections.reduce((n, i) => n + i.findings.length, 0);
    main.replaceChildren(
      h('p', { class: 'crumbs' }, h('a', { href: '#/heatmap' }, 'Heat map'), ' › ', h('a', { href: `#/area/${area.id}` }, area.name), ' › ', theme.label),
      h('h1', {}, `${area.name}: ${polarity === 'WEAKNESS' ? 'weaknesses' : 'strengths'} about ${theme.label.toLowerCase()} (${total})`),
      h('p', { class: 'description' }, theme.description),
      inspections.length
        ? h('div', {}, inspections.map((i) => h('section', {},
          h('h2', {}, `${FRAMEWORK_LABEL[i.framework] ?? i.framework} inspection, ${readableDate((i.startedOn ?? i.publishedOn)?.iso ?? '')}`),
          findingsByTheme(i.findings.map((f) => ({ ...f, themes: f.themes.filter((t) => t.id === themeId) }))))))
        : h('p', {}, 'No such findings in the graph.'),
      queryBox(CELL_QUERY, { areaId, themeId, polarity }),
    );
  } catch (err) {
    failed(main, err);
  }
}
