import { gql } from '../api';
import { failed, h, queryBox } from '../dom';

/** Full-text search over names, titles, summaries and quotes: filters, pages, the matched words marked. */

export const SEARCH_QUERY = `
query Search($text: String!, $kinds: [NodeKind!], $polarity: Polarity, $framework: InspectionFramework, $regionId: ID, $themeId: ID, $from: String, $to: String, $after: String) {
  searchResults(text: $text, kinds: $kinds, polarity: $polarity, framework: $framework, regionId: $regionId, themeId: $themeId, from: $from, to: $to, first: 25, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    nodes {
      score snippet marks { start end }
      node {
        __typename id
        ... on Area { name }
        ... on Agency { name kind }
        ... on Finding { summary polarity area { id name } themes { id } }
        ... on Source { title url }
        ... on Theme { label }
        ... on Inspection { area { id name } }
        ... on Action { title }
        ... on Person { name }
        ... on Review { title }
      }
    }
  }
  regions(first: 100) { id name }
  themes(first: 100) { id label }
}`;

interface Hit {
  score: number;
  snippet: string | null;
  marks: { start: number; end: number }[];
  node: { __typename: string; id: string; name?: string; kind?: string; summary?: string; polarity?: string; title?: string; label?: string; url?: string | null; area?: { id: string; name: string } | null; themes?: { id: string }[] };
}
interface Answer {
  searchResults: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: Hit[] };
  regions: { id: string; name: string }[];
  themes: { id: string; label: string }[];
}

const PAGE = 25;
/** The filters, each a URL parameter and its choices ('' for any). */
const KINDS: [string, string][] = [['', 'anything'], ['FINDING', 'findings'], ['INSPECTION', 'inspections'], ['ACTION', 'actions'], ['AREA', 'areas'], ['AGENCY', 'agencies'], ['THEME', 'themes'], ['SOURCE', 'sources'], ['REVIEW', 'reviews'], ['PERSON', 'people']];
const POLARITIES: [string, string][] = [['', 'strengths and weaknesses'], ['WEAKNESS', 'weaknesses only'], ['STRENGTH', 'strengths only']];
const FRAMEWORKS: [string, string][] = [['', 'both frameworks'], ['FRAMEWORK_2016', 'the 2016 framework'], ['FRAMEWORK_2023', 'the 2023 framework']];

function hitLink(n: Hit['node']): HTMLElement {
  const text = n.name ?? n.title ?? n.label ?? n.summary ?? n.id;
  switch (n.__typename) {
    case 'Area': return h('a', { href: `#/area/${n.id}` }, text);
    case 'Agency': return h('a', { href: `#/network/${n.id}` }, text);
    case 'Finding': return n.area && n.themes?.[0]
      ? h('a', { href: `#/cell/${n.area.id}/${n.themes[0].id}?polarity=${n.polarity}` }, `${n.area.name}: ${text}`)
      : h('span', {}, text);
    case 'Inspection': return n.area ? h('a', { href: `#/area/${n.area.id}?inspection=${n.id}` }, `${n.area.name} inspection ${n.id}`) : h('span', {}, n.id);
    case 'Source': return n.url ? h('a', { href: n.url, rel: 'noreferrer' }, text) : h('span', {}, text);
    case 'Theme': return h('a', { href: `#/map?theme=${n.id}` }, text);
    default: return h('span', {}, text);
  }
}

/** The snippet with the words the API says matched wrapped in <mark>, built as nodes (no HTML from data). */
function marked(text: string, marks: Hit['marks']): Node[] {
  const out: Node[] = [];
  let last = 0;
  for (const { start, end } of marks) {
    out.push(document.createTextNode(text.slice(last, start)), h('mark', {}, text.slice(start, end)));
    last = end;
  }
  out.push(document.createTextNode(text.slice(last)));
  return out;
}

const help = () => h('details', { class: 'help' },
  h('summary', {}, 'How to search'),
  h('ul', {},
    h('li', {}, h('code', {}, 'special schools'), ': every word, in any order. Words are stemmed (schools finds school); "special" does not find "specialist".'),
    h('li', {}, h('code', {}, '"special schools"'), ': the words together, in that order.'),
    h('li', {}, h('code', {}, 'spec*'), ': any word beginning so (3 letters or more).'),
    h('li', {}, h('code', {}, '-residential'), ': leave out what has the word (or a "phrase").'),
    h('li', {}, h('code', {}, 'autism OR adhd'), ': either.')),
  h('p', {}, 'Best matches first (BM25: a rare word in a short text weighs most). The filters keep findings, inspections and actions of that framework, region, theme and dates.'));

export async function renderSearch(main: HTMLElement, params: URLSearchParams): Promise<void> {
  const text = params.get('q') ?? '';
  const get = (k: string) => params.get(k) ?? '';
  const go = (p: URLSearchParams) => (location.hash = `#/search?${p}`);
  const input = h('input', { id: 'search-text', type: 'search', value: text, placeholder: 'e.g. "postcode lottery"', autocomplete: 'off' });
  const results = h('div', { id: 'results', 'aria-live': 'polite' });
  const filters = h('fieldset', { class: 'filters' });
  const form = h('form', { role: 'search', onsubmit: (e: Event) => {
    e.preventDefault();
    const p = new URLSearchParams();
    p.set('q', input.value);
    for (const el of filters.querySelectorAll<HTMLSelectElement | HTMLInputElement>('[data-param]')) if (el.value) p.set(el.dataset.param!, el.value);
    go(p);
  } }, h('label', { for: 'search-text' }, 'Search the evidence '), input, ' ', h('button', { type: 'submit' }, 'Search'), filters);
  main.replaceChildren(h('h1', {}, 'Search'), form, help(), results);
  input.focus();

  const select = (id: string, label: string, param: string, options: [string, string][]) => [
    h('label', { for: id }, label),
    h('select', { id, 'data-param': param }, options.map(([v, t]) => h('option', { value: v, selected: v === get(param) }, t))),
  ];
  const date = (id: string, label: string, param: string) => [
    h('label', { for: id }, label),
    h('input', { id, 'data-param': param, value: get(param), placeholder: 'YYYY[-MM[-DD]]', size: 10, pattern: '\\d{4}(-\\d{2}(-\\d{2})?)?' }),
  ];
  const showFilters = (regions: Answer['regions'], themes: Answer['themes']) => filters.replaceChildren(...[
    h('legend', {}, 'Narrow to'),
    select('search-kind', '', 'kind', KINDS), ' ',
    select('search-polarity', '', 'polarity', POLARITIES), ' ',
    select('search-framework', 'in ', 'framework', FRAMEWORKS), ' ',
    select('search-region', 'in ', 'region', [['', 'every region'], ...regions.map((r): [string, string] => [r.id, r.name])]), ' ',
    select('search-theme', 'about ', 'theme', [['', 'any theme'], ...themes.map((t): [string, string] => [t.id, t.label])]), ' ',
    date('search-from', 'from ', 'from'), ' ', date('search-to', 'to ', 'to')].flat());
  showFilters([], []);
  if (!text.trim()) {
    // The filters' choices, without a search to run.
    try {
      const { regions, themes } = await gql<Pick<Answer, 'regions' | 'themes'>>('{ regions(first: 100) { id name } themes(first: 100) { id label } }');
      showFilters(regions, themes);
    } catch (err) {
      failed(results, err);
    }
    return;
  }

  const variables = {
    text,
    kinds: get('kind') ? [get('kind')] : null,
    polarity: get('polarity') || null,
    framework: get('framework') || null,
    regionId: get('region') || null,
    themeId: get('theme') || null,
    from: get('from') || null,
    to: get('to') || null,
    after: get('after') || null,
  };
  const start = Number(get('start')) || 0;
  results.replaceChildren(h('p', { role: 'status' }, 'Searching…'));
  try {
    const { searchResults: r, regions, themes } = await gql<Answer>(SEARCH_QUERY, variables);
    showFilters(regions, themes);
    const next = new URLSearchParams(params);
    if (r.pageInfo.endCursor) next.set('after', r.pageInfo.endCursor);
    next.set('start', String(start + PAGE));
    const first = new URLSearchParams(params);
    first.delete('after');
    first.delete('start');
    const shown = r.nodes.length ? `${start + 1}–${start + r.nodes.length} of ${r.totalCount}` : `0 of ${r.totalCount}`;
    results.replaceChildren(
      h('p', { id: 'search-count' }, `${r.totalCount} result${r.totalCount === 1 ? '' : 's'} for “${text}”; showing ${shown}`),
      h('ol', { class: 'hits', start: start + 1 }, r.nodes.map((hit) => h('li', { class: 'hit' },
        h('span', { class: 'type' }, hit.node.__typename), ' ', hitLink(hit.node),
        hit.snippet ? h('p', { class: 'snippet' }, marked(hit.snippet, hit.marks)) : null))),
      h('nav', { class: 'pages', 'aria-label': 'Pages of results' },
        start > 0 ? h('a', { href: `#/search?${first}`, id: 'search-first' }, '« First page') : null, ' ',
        r.pageInfo.hasNextPage ? h('a', { href: `#/search?${next}`, id: 'search-next' }, 'Next page »') : null),
      queryBox(SEARCH_QUERY, variables),
    );
  } catch (err) {
    failed(results, err);
  }
}
