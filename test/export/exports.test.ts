import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import { parse as parseCsv } from 'csv-parse/sync';
import Graph from 'graphology';
import { parse as parseGraphML } from 'graphology-graphml';
import { startApi, seededStore, type Api } from '../api/harness';

/*
 * The exports as a researcher reads them: CSV through a CSV parser, GraphML through a GraphML
 * reader (graphology's, as Gephi and networkx read the same format), checked against the API.
 */

let api: Api;
let base: string;

beforeAll(async () => {
  api = await startApi(await seededStore(), { EXPORT_MAX_NODES: '5000' });
  await api.server.listen(0, '127.0.0.1');
  base = `http://127.0.0.1:${(api.server.httpServer.address() as AddressInfo).port}`;
});
afterAll(() => api.server.stop());

const get = (path: string) => fetch(`${base}${path}`);

async function csv(name: string): Promise<{ raw: string; records: Record<string, string>[] }> {
  const res = await get(`/export/${name}`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/);
  const raw = await res.text();
  return { raw, records: parseCsv(raw, { columns: true, bom: true, strict: true } as never) as Record<string, string>[] };
}

test('GET /export lists every file', async () => {
  const body = (await (await get('/export')).json()) as { files: string[] };
  expect(body.files).toEqual(expect.arrayContaining(['/export/areas.csv', '/export/findings.csv', '/export/graph.graphml']));
});

test('indicators.csv: long, one row per subject, indicator and year, as the API answers them, unknowns empty', async () => {
  const { records } = await csv('indicators.csv');
  const { data } = await api.run('{ area(id: "sandwell") { indicator(name: "ehc-20-week-rate") { year value numerator denominator sources { id } } } england { indicator(name: "ehc-plans-issued") { year value } } }');
  const rows = (subject: string, indicator: string) => records.filter((r) => r.subject_id === subject && r.indicator === indicator);
  const num = (cell: string) => (cell === '' ? null : Number(cell));
  expect(rows('sandwell', 'ehc-20-week-rate').map((r) => [Number(r.year), num(r.value), num(r.numerator), num(r.denominator), r.source_ids.split('; ').map((id) => ({ id }))]))
    .toEqual(data.area.indicator.map((v: { year: number; value: number; numerator: number; denominator: number; sources: unknown[] }) => [v.year, v.value, v.numerator, v.denominator, v.sources]));
  expect(rows('england', 'ehc-plans-issued').map((r) => Number(r.value))).toEqual(data.england.indicator.map((v: { value: number }) => v.value));
  expect(rows('sandwell', 'ehc-20-week-rate')[0]).toMatchObject({ subject: 'Sandwell', level: 'area', unit: 'PERCENT' });
  // The Isles of Scilly issued no plans in 2022: no rate, left empty rather than 0.
  expect(rows('isles-of-scilly', 'ehc-20-week-rate').find((r) => r.year === '2022')).toMatchObject({ value: '', numerator: '0', denominator: '0' });
});

test('statistical-neighbours.csv: ten per area and edition, by rank', async () => {
  const { records } = await csv('statistical-neighbours.csv');
  expect(records.filter((r) => r.edition === '2025')).toHaveLength(1530);
  expect(records.filter((r) => r.area_id === 'sandwell' && r.edition === '2025').slice(0, 2)).toEqual([
    { area_id: 'sandwell', area: 'Sandwell', edition: '2025', rank: '1', neighbour_id: 'wolverhampton', neighbour: 'Wolverhampton', closeness: 'VERY_CLOSE', source_ids: 'dfe-statistical-neighbours-2025' },
    expect.objectContaining({ rank: '2', neighbour_id: 'kingston-upon-hull' }),
  ]);
  expect(records.filter((r) => r.area_id === 'cumberland' && r.edition === '2021')).toEqual([]);
});

test('areas.csv: one row per area, as the API answers them', async () => {
  const { raw, records } = await csv('areas.csv');
  expect(raw.split('\r\n')[0].startsWith('id,name,kind,gss_code')).toBe(true);
  const { data } = await api.run('{ areas(first: 100) { totalCount } sandwell: area(id: "sandwell") { gssCode laCode region { id } latestOutcome inspections { id } } }');
  expect(records).toHaveLength(data.areas.totalCount);
  const sandwell = records.find((r) => r.id === 'sandwell')!;
  expect(sandwell).toMatchObject({
    name: 'Sandwell', gss_code: data.sandwell.gssCode, la_code: data.sandwell.laCode, region_id: data.sandwell.region.id,
    latest_outcome: data.sandwell.latestOutcome ?? '', inspections: String(data.sandwell.inspections.length),
  });
});

test('findings.csv: every finding, with its themes, the inspectors\' words and its source', async () => {
  const { records } = await csv('findings.csv');
  const { data } = await api.run('{ stats { nodes { label count } } area(id: "birmingham") { findings { id quote themes { id } sources { id } } } }');
  const findingCount = data.stats.nodes.find((n: { label: string }) => n.label === 'Finding').count;
  expect(records).toHaveLength(findingCount);
  for (const f of data.area.findings) {
    const row = records.find((r) => r.id === f.id)!;
    expect(row.area_id).toBe('birmingham');
    expect(row.quote).toBe(f.quote ?? '');
    expect(row.theme_ids.split('; ')).toEqual(f.themes.map((t: { id: string }) => t.id));
    expect(row.source_ids.split('; ')).toEqual(f.sources.map((s: { id: string }) => s.id));
  }
  // A quote holding a comma survives the round trip (RFC 4180 quoting).
  expect(records.some((r) => r.quote.includes(','))).toBe(true);
});

test('inspections.csv and actions.csv hold every record', async () => {
  const { data } = await api.run('{ stats { nodes { label count } } inspection(id: "sandwell-2017-01") { kind outcome framework area { id } actions { id } } }');
  const count = (label: string) => data.stats.nodes.find((n: { label: string }) => n.label === label).count;
  const inspections = (await csv('inspections.csv')).records;
  const actions = (await csv('actions.csv')).records;
  expect(inspections).toHaveLength(count('Inspection'));
  expect(actions).toHaveLength(count('Action'));
  expect(inspections.find((r) => r.id === 'sandwell-2017-01')).toMatchObject({
    area_id: data.inspection.area.id, kind: data.inspection.kind, outcome: data.inspection.outcome, framework: data.inspection.framework,
  });
  const required = actions.filter((a) => a.required_by === 'sandwell-2017-01').map((a) => a.id);
  expect(required).toEqual(data.inspection.actions.map((a: { id: string }) => a.id));
});

test('area-theme-weaknesses.csv: the area x theme matrix agrees with each area\'s weakness findings', async () => {
  const { records } = await csv('area-theme-weaknesses.csv');
  const { data } = await api.run('{ themes { id } area(id: "birmingham") { findings(polarity: WEAKNESS) { themes { id } } } }');
  const row = records.find((r) => r.area_id === 'birmingham')!;
  for (const { id } of data.themes) {
    const expected = data.area.findings.filter((f: { themes: { id: string }[] }) => f.themes.some((t) => t.id === id)).length;
    expect(Number(row[id])).toBe(expected);
  }
  expect(Object.keys(row)).toHaveLength(3 + data.themes.length);
});

test('agencies.csv and services.csv: every body with its codes and dates, and who served which area when, as the API answers', async () => {
  const agencies = (await csv('agencies.csv')).records;
  const services = (await csv('services.csv')).records;
  const { data } = await api.run(`{
    stats { nodes { label count } }
    agency(id: "black-country-and-west-birmingham-ccg") { odsCode onsCode activeFrom { iso } activeTo { iso } successors { agency { id } on { iso } } predecessors { agency { id } } }
    area(id: "leeds") { services(first: 100) { agency { id } share from to sources { id } } }
  }`);
  expect(agencies).toHaveLength(data.stats.nodes.find((n: { label: string }) => n.label === 'Agency').count);
  const bc = data.agency;
  expect(agencies.find((a) => a.id === 'black-country-and-west-birmingham-ccg')).toMatchObject({
    kind: 'CCG', ods_code: bc.odsCode, ons_code: bc.onsCode, active_from: bc.activeFrom.iso, active_to: bc.activeTo.iso,
    succeeded_by: bc.successors.map((s: { agency: { id: string } }) => s.agency.id).join('; '),
    succeeded_on: bc.successors.map((s: { on: { iso: string } }) => s.on.iso).join('; '),
    preceded_by: bc.predecessors.map((s: { agency: { id: string } }) => s.agency.id).sort().join('; '),
  });
  expect(agencies.find((a) => a.id === 'west-yorkshire-icb-15f')).toMatchObject({ kind: 'SUB_ICB_LOCATION', ods_code: '15F', part_of: 'west-yorkshire-icb' });
  const leeds = services.filter((s) => s.area_id === 'leeds');
  expect(leeds).toHaveLength(data.area.services.length);
  for (const s of data.area.services) {
    expect(leeds).toContainEqual(expect.objectContaining({
      agency_id: s.agency.id, share: s.share === null ? '' : String(s.share), from: s.from ?? '', to: s.to ?? '',
      source_ids: s.sources.map((x: { id: string }) => x.id).join('; '),
    }));
  }
});

test('graph.graphml: the whole graph, every node and relationship, with typed properties', async () => {
  const res = await get('/export/graph.graphml');
  expect(res.headers.get('content-type')).toMatch(/^application\/graphml\+xml/);
  const graph = parseGraphML(Graph, await res.text());
  const { data } = await api.run('{ stats { nodeCount relationshipCount } area(id: "sandwell") { name gssCode } }');
  expect(graph.order).toBe(data.stats.nodeCount);
  expect(graph.size).toBe(data.stats.relationshipCount);
  expect(graph.getNodeAttributes('sandwell')).toMatchObject({ type: 'Area', name: data.area.name, gssCode: data.area.gssCode });
  const review = graph.findNode((_, a) => a.type === 'Review')!;
  expect(typeof graph.getNodeAttribute(review, 'areasCovered')).toBe('number');
  expect(graph.edges('sandwell-council', 'sandwell').map((e) => graph.getEdgeAttribute(e, 'type'))).toContain('SERVES');
  const { data: ccg } = await api.run('{ agency(id: "sandwell-and-west-birmingham-ccg") { successors { agency { id } on { iso } sources { id } } } }');
  const [next] = ccg.agency.successors;
  const [succession] = graph.edges('sandwell-and-west-birmingham-ccg', next.agency.id);
  expect(graph.getEdgeAttributes(succession)).toMatchObject({ type: 'SUCCEEDED_BY', on: next.on.iso, sources: next.sources.map((s: { id: string }) => s.id).join('; ') });
  // The NHS bodies and their dated, shared services, with typed properties.
  expect(graph.getNodeAttributes('black-country-icb')).toMatchObject({ type: 'Agency', kind: 'ICB', odsCode: 'QUA', onsCode: 'E54000062' });
  const [serves] = graph.edges('leeds-west-ccg', 'leeds');
  expect(graph.getEdgeAttributes(serves)).toMatchObject({ type: 'SERVES', since: '2016-04-01', until: '2018-03-31', share: 0.4046 });
  const [partOf] = graph.edges('west-yorkshire-icb-15f', 'west-yorkshire-icb');
  expect(graph.getEdgeAttribute(partOf, 'type')).toBe('PART_OF');
}, 30_000); // the whole national graph, parsed

test('graph.graphml?id=&depth=: a neighbourhood, with the documents behind it', async () => {
  const graph = parseGraphML(Graph, await (await get('/export/graph.graphml?id=sandwell&depth=1')).text());
  const { data } = await api.run('{ area(id: "sandwell") { region { id } agencies { id } inspections { id } sources { id } } }');
  const expected = [data.area.region.id, ...data.area.agencies.map((a: { id: string }) => a.id), ...data.area.inspections.map((i: { id: string }) => i.id)];
  for (const id of [...expected, ...data.area.sources.map((s: { id: string }) => s.id)]) expect(graph.hasNode(id)).toBe(true);
  expect(graph.hasNode('wolverhampton')).toBe(false);
  const without = parseGraphML(Graph, await (await get('/export/graph.graphml?id=sandwell&depth=1&sources=false')).text());
  expect(without.order).toBe(1 + expected.length);
});

test('exports answer within the API\'s limits, saying what to change', async () => {
  const tooDeep = await get('/export/graph.graphml?id=sandwell&depth=5');
  expect(tooDeep.status).toBe(400);
  expect(((await tooDeep.json()) as any).errors[0]).toMatchObject({ message: expect.stringContaining('1 to 4'), extensions: { code: 'BAD_USER_INPUT' } });
  const unknown = await get('/export/graph.graphml?id=nowhere');
  expect(((await unknown.json()) as any).errors[0].message).toContain('"nowhere"');
  expect((await get('/export/people.csv')).status).toBe(404);

  const small = await startApi(await seededStore(), { EXPORT_MAX_NODES: '50' });
  await small.server.listen(0, '127.0.0.1');
  try {
    const port = (small.server.httpServer.address() as AddressInfo).port;
    const res = await fetch(`http://127.0.0.1:${port}/export/areas.csv`);
    expect(res.status).toBe(400);
    expect(((await res.json()) as any).errors[0].extensions).toMatchObject({ code: 'QUERY_LIMIT_EXCEEDED', limit: 'exportNodes', max: 50 });
  } finally {
    await small.server.stop();
  }
});

test('npm run cli -- export writes the same files to a directory', () => {
  const out = mkdtempSync(join(tmpdir(), 'send-graph-export-'));
  const run = (...args: string[]) => execFileSync(process.execPath, ['--require', 'tsx/cjs', resolve(__dirname, '..', '..', 'src', 'cli.ts'), 'export', ...args], { encoding: 'utf8', env: { ...process.env, LOG_LEVEL: 'silent', CACHE_DIR: 'off' } });
  expect(run('--format', 'csv', '--out', out)).toContain('areas.csv');
  expect(readdirSync(out).sort()).toEqual(['actions.csv', 'agencies.csv', 'area-theme-strengths.csv', 'area-theme-weaknesses.csv', 'areas.csv', 'findings.csv', 'indicators.csv', 'inspections.csv', 'services.csv', 'statistical-neighbours.csv']);
  run('--format', 'graphml', '--id', 'sandwell', '--depth', '2', '--out', out);
  const graph = parseGraphML(Graph, readFileSync(join(out, 'sandwell-depth-2.graphml'), 'utf8'));
  expect(graph.hasNode('sandwell-council')).toBe(true);
  expect(() => run('--format', 'xlsx', '--out', out)).toThrow(/--format must be one of csv, graphml/);
});
