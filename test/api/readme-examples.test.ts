import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { seededStore, startApi, type Api } from './harness';

const readme = readFileSync(resolve(__dirname, '..', '..', 'README.md'), 'utf8');
const examples = [...readme.matchAll(/```graphql\n([\s\S]*?)```/g)].map((m) => m[1]);

let api: Api;
beforeAll(async () => {
  api = await startApi(await seededStore());
});
afterAll(() => api.server.stop());

describe('the README examples', () => {
  it('are all there: the six example queries, the NHS bodies\', the DfE statistics\' and the search section\'s', () => {
    expect(examples).toHaveLength(10);
  });

  it.each(examples.map((q, i) => [i + 1, q]))('example %i answers without errors and with content', async (_n, query) => {
    const res = await api.run(query as string);
    expect(res.errors).toBeUndefined();
    for (const value of Object.values(res.data)) {
      expect(value).not.toBeNull();
      if (Array.isArray(value)) expect(value.length).toBeGreaterThan(0);
    }
  });
});

describe('the worked examples of "The NHS bodies"', () => {
  it("follows Leeds's CCGs at its 2016 inspection to its ICB today, as the README says", async () => {
    const [query] = examples.filter((q) => q.includes('leeds-2016-12'));
    const res = await api.run(query);
    expect(res.errors).toBeUndefined();
    expect(res.data.inspection.partners.map((p: { agency: { odsCode: string | null; kind: string }; share: number | null }) => [p.agency.kind, p.agency.odsCode, p.share])).toEqual([
      ['COUNCIL', null, null], ['CCG', '03C', 0.4046], ['CCG', '03G', 0.3216], ['CCG', '02V', 0.2739],
    ]);
    expect(res.data.agencyLineage.successors.map((s: { to: { odsCode: string }; on: string }) => [s.to.odsCode, s.on])).toEqual([['15F', '2018-04-01'], ['QWO', '2022-07-01']]);
  });

  it('counts the ICBs that inherited the most areas that needed a WSOA, as the README says', async () => {
    const python = /```python\n(import json, urllib[\s\S]*?)```/.exec(readme)![1];
    const query = /q = """([\s\S]*?)"""/.exec(python)![1];
    const res = await api.run(query);
    expect(res.errors).toBeUndefined();
    type Services = { agency: { name: string } }[];
    const counts = new Map<string, number>();
    const nodes: { area: { services: Services; succeededBy: { area: { services: Services } }[] } }[] = res.data.inspections.nodes;
    expect(nodes).toHaveLength(83);
    for (const { area } of nodes) {
      const services = area.services.length ? area.services : area.succeededBy.flatMap((x) => x.area.services);
      for (const name of new Set(services.map((s) => s.agency.name))) counts.set(name, (counts.get(name) ?? 0) + 1);
    }
    const top = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, 5);
    expect(top).toEqual([
      ['NHS North East and North Cumbria Integrated Care Board', 11],
      ['NHS Cheshire and Merseyside Integrated Care Board', 5],
      ['NHS Greater Manchester Integrated Care Board', 5],
      ['NHS South West London Integrated Care Board', 5],
      ['NHS Bedfordshire, Luton and Milton Keynes Integrated Care Board', 4],
    ]);
  });
});
