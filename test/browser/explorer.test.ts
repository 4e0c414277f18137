import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { seededStore, startApi, type Api } from '../api/harness';

/*
 * The explorer in a real browser: Debian's Chromium, headless, driven by playwright-core. Every
 * expectation is read from the API first, so the page is checked against what the graph holds.
 * Requests to any host but the test server are refused and recorded: the page must work offline.
 */

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ROOT = resolve(__dirname, '..', '..');
jest.setTimeout(60_000);

let api: Api;
let base: string;
let browser: Browser;
let page: Page;
const problems: string[] = [];
const external: string[] = [];

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`No Chromium at ${CHROMIUM}: install it (apt-get install chromium) or set CHROMIUM_PATH. .ci/run installs it.`);
  execFileSync(process.execPath, [resolve(ROOT, 'web', 'build-if-stale.mjs')], { cwd: ROOT, stdio: 'inherit' });
  api = await startApi(await seededStore());
  base = (await api.server.listen(0, '127.0.0.1')).replace(/\/graphql$/, '');
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  await page.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (url.origin === base) return route.continue();
    external.push(url.href);
    return route.abort();
  });
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await api?.server.stop();
});

afterEach(() => {
  expect(problems).toEqual([]);
  expect(external).toEqual([]);
});

async function currentAreaIds(): Promise<string[]> {
  const ids: string[] = [];
  let after: string | null = null;
  for (;;) {
    const { data } = await api.run('query($after: String) { areas(first: 100, after: $after) { pageInfo { hasNextPage endCursor } nodes { id activeTo { iso } } } }', { after });
    ids.push(...data.areas.nodes.filter((a: { activeTo: unknown }) => !a.activeTo).map((a: { id: string }) => a.id));
    if (!data.areas.pageInfo.hasNextPage) return ids;
    after = data.areas.pageInfo.endCursor;
  }
}

test('the map draws every area; from it, Sandwell\'s latest weaknesses and the areas criticised for the same things in three clicks', async () => {
  await page.goto(`${base}/`);
  await expect(page.waitForURL(`${base}/explorer/`)).resolves.toBeUndefined();
  await page.locator('path[data-area]').first().waitFor();
  const drawn = await page.locator('path[data-area]').evaluateAll((els) => els.map((e) => e.getAttribute('data-area')));
  expect(drawn.sort()).toEqual((await currentAreaIds()).sort());

  const { data } = await api.run(`{ area(id: "sandwell") { inspections { id kind findings(polarity: WEAKNESS) { themes { id } } } } themes { id areas(polarity: WEAKNESS) { id name } } }`);
  const inspections = data.area.inspections as { id: string; kind: string; findings: { themes: { id: string }[] }[] }[];
  // January 2017, the March 2019 revisit, July 2023.
  expect(inspections.map((i) => i.kind)).toEqual(['INITIAL', 'REVISIT', 'FULL']);
  // July 2023's weaknesses, from its report.
  const latest = inspections[2];
  expect(latest.findings.length).toBeGreaterThan(0);

  // Click 1, by keyboard: Sandwell on the map.
  await page.locator('path[data-area="sandwell"]').focus();
  await page.keyboard.press('Enter');
  await page.locator('.timeline a.inspection').first().waitFor();
  // Its inspections, in the order the API gives them (date order).
  expect(await page.locator('.timeline a.inspection').evaluateAll((els) => els.map((e) => e.getAttribute('data-inspection')))).toEqual(inspections.map((i) => i.id));

  // Click 2: the latest inspection, its weaknesses by theme.
  // The latest is already the one shown: the click renders the page anew, so wait for the new
  // page's findings, not the old page's (marked stale), which the new one replaces a moment later.
  await page.locator('.inspection-detail').evaluate((el) => el.setAttribute('data-stale', ''));
  await page.locator(`.timeline a[data-inspection="${latest.id}"]`).click();
  await page.locator('.inspection-detail:not([data-stale]) li.finding').first().waitFor();
  await page.locator(`.timeline a[data-inspection="${latest.id}"][aria-current="true"]`).waitFor();
  expect(await page.locator('.inspection-detail li.finding').count()).toBeGreaterThan(0);

  // Click 3: areas criticised for the same things, ranked, as the API's themes say.
  await page.locator('a.same-things').click();
  await page.locator('ol.ranked li').first().waitFor();
  const criticised = new Set(latest.findings.flatMap((f) => f.themes.map((t) => t.id)));
  const expected = new Set<string>();
  for (const t of data.themes) if (criticised.has(t.id)) for (const a of t.areas) if (a.id !== 'sandwell') expected.add(a.id);
  const shown = await page.locator('ol.ranked li').evaluateAll((els) => els.map((e) => e.getAttribute('data-area')));
  expect(new Set(shown)).toEqual(expected);
});

test('a heat-map cell opens the findings behind it', async () => {
  await page.goto(`${base}/explorer/#/heatmap`);
  const cell = page.locator('.heatmap svg rect[aria-label^="Sandwell, Leadership and accountability:"]');
  await cell.waitFor();
  const { data } = await api.run('{ area(id: "sandwell") { findings(polarity: WEAKNESS) { id themes { id } } } }');
  const behind = data.area.findings.filter((f: { themes: { id: string }[] }) => f.themes.some((t) => t.id === 'leadership-and-accountability'));
  expect(behind.length).toBeGreaterThan(0);
  // By keyboard: Tab from the last control reaches the first row's cells.
  await page.locator('#hm-sort').focus();
  await page.keyboard.press('Tab');
  expect(await page.evaluate('document.activeElement.getAttribute("href") || document.activeElement.getAttribute("xlink:href")')).toMatch(/^#\/cell\//);
  await cell.click();
  await page.locator('li.finding').first().waitFor();
  expect((await page.locator('li.finding').evaluateAll((els) => els.map((e) => e.getAttribute('data-finding')))).sort()).toEqual(behind.map((f: { id: string }) => f.id).sort());
  expect(await page.locator('h1').textContent()).toContain('Sandwell');
});

test('search marks the words the API matched', async () => {
  await page.goto(`${base}/explorer/#/search`);
  await page.locator('#search-text').fill('postcode lottery');
  await page.keyboard.press('Enter');
  await page.locator('.hit').first().waitFor();
  const { data } = await api.run('{ searchResults(text: "postcode lottery", first: 25) { totalCount nodes { node { id } } } }');
  expect(await page.locator('.hit').count()).toBe(data.searchResults.nodes.length);
  expect(await page.locator('#search-count').textContent()).toContain(`${data.searchResults.totalCount} result`);
  expect((await page.locator('.hit mark').allTextContents()).map((t) => t.toLowerCase())).toEqual(expect.arrayContaining(['postcode', 'lottery']));
});

test('search narrows by its filters and pages through the hits, a phrase in quotes', async () => {
  await page.goto(`${base}/explorer/#/search`);
  await page.locator('#search-region option[value="north-west"]').waitFor({ state: 'attached' });
  await page.locator('#search-text').fill('"young people"');
  await page.locator('#search-polarity').selectOption('WEAKNESS');
  await page.locator('#search-region').selectOption('north-west');
  await page.locator('#search-text').press('Enter');
  await page.locator('.hit').first().waitFor();
  const query = 'query($after: String) { searchResults(text: "\\"young people\\"", polarity: WEAKNESS, regionId: "north-west", first: 25, after: $after) { totalCount pageInfo { endCursor } nodes { node { id } } } }';
  const first = (await api.run(query)).data.searchResults;
  expect(first.totalCount).toBeGreaterThan(25);
  expect(await page.locator('#search-count').textContent()).toContain(`${first.totalCount} results for “"young people"”; showing 1–25`);
  expect(await page.locator('.hit .type').allTextContents()).toEqual(Array(25).fill('Finding'));
  await page.locator('#search-next').click();
  await page.locator('#search-count', { hasText: 'showing 26–' }).waitFor();
  const second = (await api.run(query, { after: first.pageInfo.endCursor })).data.searchResults;
  expect(await page.locator('.hit').count()).toBe(second.nodes.length);
  expect(await page.locator('#search-region').inputValue()).toBe('north-west');
  await page.locator('#search-first').click();
  await page.locator('#search-count', { hasText: 'showing 1–25' }).waitFor();
});

test('search says where a query cannot be read, and how to write one', async () => {
  await page.goto(`${base}/explorer/#/search?q=${encodeURIComponent('special "schools')}`);
  await page.locator('#results [role=alert]').waitFor();
  expect(await page.locator('#results [role=alert]').textContent()).toContain('a quote is not closed (at character 9)');
  await page.locator('details.help summary').click();
  expect(await page.locator('details.help').textContent()).toContain('"special schools"');
});

test('the agency network lists the members agencyNetwork answers', async () => {
  await page.goto(`${base}/explorer/#/network/sandwell-and-west-birmingham-ccg`);
  await page.locator('#network canvas').first().waitFor();
  const { data } = await api.run('{ agencyNetwork(agencyId: "sandwell-and-west-birmingham-ccg", maxDepth: 2) { members { agency { name } } } }');
  expect(await page.locator('.members li').count()).toBe(data.agencyNetwork.members.length);
});

test('the agency network opens an ICB by its ODS code, its areas coloured and named by their latest outcome', async () => {
  await page.goto(`${base}/explorer/#/network/sandwell-and-west-birmingham-ccg?depth=1`);
  await page.locator('#network canvas').first().waitFor();
  await page.locator('#net-agency').fill('QWO');
  await page.keyboard.press('Enter');
  await page.waitForURL(/#\/network\/west-yorkshire-icb/);
  await page.locator('.served-areas li').first().waitFor();
  const { data } = await api.run('{ agency(id: "west-yorkshire-icb") { name areas(first: 100) { name latestOutcome } } }');
  expect(await page.locator('h1').textContent()).toBe(`Agencies linked to ${data.agency.name}`);
  const items = await page.locator('.served-areas li').allTextContents();
  expect(items).toHaveLength(data.agency.areas.length);
  expect(items.join('|')).toContain(data.agency.areas[0].name);
  // Every colour is also said in words: no area is left without its outcome's text.
  expect(items.every((t) => /: .+/.test(t))).toBe(true);
});

test("the area page shows its NHS bodies through time, as the API's services answer", async () => {
  await page.goto(`${base}/explorer/#/area/leeds`);
  await page.locator('.nhs-timeline .nhs-row').first().waitFor();
  const { data } = await api.run('{ area(id: "leeds") { services(first: 300) { agency { name kind } from } } }');
  const dated = data.area.services.filter((s: { agency: { kind: string }; from: string | null }) => ['CCG', 'SUB_ICB_LOCATION', 'ICB'].includes(s.agency.kind) && s.from);
  const rows = await page.locator('.nhs-timeline .nhs-row').allTextContents();
  expect(rows).toHaveLength(dated.length);
  expect(rows[0]).toContain('NHS Leeds North Clinical Commissioning Group');
  expect(rows.find((r) => r.startsWith('NHS Leeds Clinical Commissioning Group'))).toContain('became NHS West Yorkshire Integrated Care Board on 2022-07-01');
});

test('a view\'s query opens in the bundled query editor, which runs it offline', async () => {
  await page.goto(`${base}/explorer/#/area/sandwell`);
  await page.locator('details.query summary').first().click();
  await page.locator('a.open-editor').first().click();
  // The editor holds the view's query once Monaco has started; run it then.
  await page.locator('.graphiql-query-editor', { hasText: 'AreaPage' }).waitFor({ timeout: 30_000 });
  await page.locator('.graphiql-execute-button').click();
  await page.locator('.graphiql-response', { hasText: '"Sandwell"' }).waitFor({ timeout: 30_000 });
});

test("the area page charts the 20-week share beside the region and England, marks the inspections, and lists the neighbours with what they share", async () => {
  await page.goto(`${base}/explorer/#/area/sandwell`);
  await page.locator('section.context svg').waitFor();
  const { data } = await api.run(`{
    area(id: "sandwell") { inspections { id } indicator(name: "ehc-20-week-rate") { year value } region { indicator(name: "ehc-20-week-rate") { year value } } }
    england { indicator(name: "ehc-20-week-rate") { year value } }
    neighbourComparison(areaId: "sandwell") { neighbour { area { id } } sharedThemes { label } }
  }`);
  // The table under the chart holds the API's figures, year by year, unknown as unknown.
  const rows = await page.locator('table.figures tbody tr').evaluateAll((els) => els.map((e) => [...e.querySelectorAll('td')].map((td) => td.textContent)));
  const years = [...new Set([...data.area.indicator, ...data.england.indicator].map((v: { year: number }) => v.year))].sort();
  expect(rows.map((r) => Number(r[0]))).toEqual(years);
  const cell = (v: number | null | undefined) => (v === null || v === undefined ? 'unknown' : `${v}%`);
  expect(rows.map((r) => r[1])).toEqual(years.map((y) => cell(data.area.indicator.find((v: { year: number }) => v.year === y)?.value)));
  expect(rows.map((r) => r[4])).toEqual(years.map((y) => cell(data.england.indicator.find((v: { year: number }) => v.year === y)?.value)));
  // One line each for Sandwell, the West Midlands and England, named with their colour and dash; a bar per inspection.
  const legend = await page.locator('section.context .legend li').allTextContents();
  expect(legend.slice(0, 3)).toEqual(['Sandwell (black, solid line)', 'West Midlands (green, dashed line)', 'England (purple, dotted line)']);
  // The bars' colours are named too, and each bar is labelled with its outcome in words.
  expect(legend[3]).toMatch(/^Vertical bars: .*blue: .*yellow: .*vermilion: /);
  expect(await page.locator('section.context svg g.inspection line').count()).toBe(data.area.inspections.length);
  expect(await page.locator('section.context svg text').allTextContents()).toEqual(expect.arrayContaining(['Inspection Jan 2017: WSOA required', 'Revisit Mar 2019: sufficient progress', 'Full inspection Jul 2023: inconsistent']));
  expect(await page.locator('section.context p.source').textContent()).toContain('Education, health and care plans');
  // The neighbours, nearest first, each with the weaknesses it shares.
  const neighbours = await page.locator('ol.neighbours > li').evaluateAll((els) => els.map((e) => e.getAttribute('data-neighbour')));
  expect(neighbours).toEqual(data.neighbourComparison.map((n: { neighbour: { area: { id: string } } }) => n.neighbour.area.id));
  const first = page.locator('ol.neighbours > li').first();
  for (const t of data.neighbourComparison[0].sharedThemes) expect(await first.textContent()).toContain(t.label);
  // By keyboard: the neighbour's link opens its page.
  await first.locator('a').first().focus();
  await page.keyboard.press('Enter');
  await page.locator('h1', { hasText: 'Wolverhampton' }).waitFor();
});

test('the map colours every area by an indicator for a chosen year, with a legend in words and the source', async () => {
  await page.goto(`${base}/explorer/#/map?indicator=ehc-20-week-rate&year=2019`);
  await page.locator('path[data-area]').first().waitFor();
  await page.locator('#year').waitFor();
  const { data } = await api.run('{ a: area(id: "sandwell") { indicator(name: "ehc-20-week-rate", from: 2019, to: 2019) { value } } b: area(id: "cumberland") { indicator(name: "ehc-20-week-rate", from: 2019, to: 2019) { value } } }');
  expect(data.a.indicator[0].value).toBe(76.4);
  expect(data.b.indicator).toEqual([]);
  // 76.4% is in the band 75% and over (darkest blue); Cumberland did not exist in 2019: unknown (grey).
  expect(await page.locator('path[data-area="sandwell"]').getAttribute('fill')).toBe('#08306b');
  expect(await page.locator('path[data-area="cumberland"]').getAttribute('fill')).toBe('#d9d9d9');
  expect(await page.locator('path[data-area="sandwell"]').getAttribute('aria-label')).toBe('Sandwell: ehc plans issued within 20 weeks, excluding exceptions 2019: 76.4%');
  const legend = await page.locator('.legend li').allTextContents();
  expect(legend[3]).toMatch(/^75% and over \(darkest blue; \d+ areas\)$/);
  expect(legend[4]).toMatch(/^unknown/);
  expect(await page.locator('p.attribution').first().textContent()).toContain('Open Government Licence');
  // Another year, by keyboard.
  await page.locator('#year').focus();
  await page.keyboard.press('ArrowDown');
  await page.waitForURL(/year=2020/);
  await page.locator('#year').waitFor();
});

test('the chart breaks its line at an unknown year, and reaches an inspection after the last year of figures', async () => {
  // The Isles of Scilly: several years of no plans, whose share is unknown, between known ones.
  await page.goto(`${base}/explorer/#/area/isles-of-scilly`);
  await page.locator('section.context svg').waitFor();
  const { data } = await api.run('{ area(id: "isles-of-scilly") { indicator(name: "ehc-20-week-rate") { year value } } }');
  const known = data.area.indicator.filter((v: { value: number | null }) => v.value !== null).map((v: { year: number }) => v.year);
  const runs = known.filter((y: number, k: number) => k === 0 || known[k - 1] !== y - 1).length;
  expect(runs).toBeGreaterThan(1);
  const d = await page.locator('section.context svg g[stroke="#000000"] path').first().getAttribute('d');
  expect(d!.match(/M/g)).toHaveLength(runs);

  // Cumberland's figures end in 2024, its inspection is in July 2025: its bar and label are inside the chart.
  await page.goto(`${base}/explorer/#/area/cumberland`);
  await page.locator('section.context svg g.inspection line').waitFor({ state: 'attached' });
  const [bar, width] = await page.locator('section.context svg').evaluate((svg) => [Number(svg.querySelector('g.inspection line')!.getAttribute('x1')), Number(svg.getAttribute('width'))]);
  expect(bar).toBeLessThan(width - 10);
  expect(await page.locator('section.context svg text', { hasText: 'Full inspection Jul 2025: inconsistent' }).count()).toBe(1);
  expect(await page.locator('section.context p.continuity a').textContent()).toBe('Cumbria');
});

test('an area without neighbours in the latest edition shows its 2021 ones (Cumbria)', async () => {
  await page.goto(`${base}/explorer/#/area/cumbria`);
  await page.locator('ol.neighbours > li').first().waitFor();
  const { data } = await api.run('{ latest: neighbourComparison(areaId: "cumbria") { neighbour { area { id } } } earlier: neighbourComparison(areaId: "cumbria", edition: "2021") { neighbour { area { id } } } }');
  expect(data.latest).toEqual([]);
  expect(await page.locator('ol.neighbours > li').evaluateAll((els) => els.map((e) => e.getAttribute('data-neighbour')))).toEqual(data.earlier.map((n: { neighbour: { area: { id: string } } }) => n.neighbour.area.id));
  expect(await page.locator('section.context h2', { hasText: 'Statistical neighbours' }).textContent()).toContain('2021 edition');
  // "On this page" leads past the findings by keyboard, and leaves the address (the route) alone.
  await page.locator('nav.contents a', { hasText: 'statistical neighbours' }).focus();
  await page.keyboard.press('Enter');
  expect(await page.evaluate('[document.activeElement && document.activeElement.id, location.hash]')).toEqual(['neighbours-heading', '#/area/cumbria']);
});

test('the map shows an indicator\'s nearest published year, not a grey map, for a year it was not published', async () => {
  const { data } = await api.run('{ indicators { name firstYear lastYear } }');
  const tribunal = data.indicators.find((i: { name: string }) => i.name === 'tribunal-appeals');
  expect(tribunal.lastYear).toBeLessThan(2024);
  await page.goto(`${base}/explorer/#/map?indicator=tribunal-appeals&year=2024`);
  await page.locator('path[data-area]').first().waitFor();
  await page.waitForURL(new RegExp(`year=${tribunal.lastYear}$`));
  expect(await page.locator('#year').inputValue()).toBe(String(tribunal.lastYear));
  expect(await page.locator('p[role="status"]').textContent()).toContain(`not for 2024: the map shows ${tribunal.lastYear}`);
  const fills = await page.locator('path[data-area]').evaluateAll((els) => els.map((e) => e.getAttribute('fill')));
  expect(fills.filter((f) => f !== '#d9d9d9').length).toBeGreaterThan(fills.length / 2);
});

test('the agency network lists the agencies a name matches when it matches several', async () => {
  await page.goto(`${base}/explorer/#/network/sandwell-and-west-birmingham-ccg?depth=1`);
  await page.locator('#network canvas').first().waitFor();
  const { data } = await api.run('{ agencies(first: 1000) { id name } }');
  const matching = data.agencies.filter((a: { name: string }) => a.name.toLowerCase().includes('kent and medway'));
  expect(matching.length).toBeGreaterThan(1);
  await page.locator('#net-agency').fill('Kent and Medway');
  await page.keyboard.press('Enter');
  await page.locator('#net-agency-status li').first().waitFor();
  expect((await page.locator('#net-agency-status li a').evaluateAll((els) => els.map((e) => e.getAttribute('href')))).sort())
    .toEqual(matching.map((a: { id: string }) => `#/network/${a.id}?depth=1`).sort());
  // By keyboard: Tab reaches the first choice, Enter opens it.
  await page.locator('#net-agency-status li a').first().focus();
  await page.keyboard.press('Enter');
  await page.waitForURL(/#\/network\/.*kent-and-medway/);
});
