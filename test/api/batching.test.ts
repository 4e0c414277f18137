import { countingStore, seededStore, startApi } from './harness';

describe('batching: one store call per nesting level', () => {
  it('answers a three-level nested query under one area with one call per level', async () => {
    const store = countingStore(await seededStore());
    const api = await startApi(store);
    const res = await api.run('{ area(id: "sandwell") { inspections { findings { themes { id } } } } }');
    expect(res.errors).toBeUndefined();
    expect(res.data.area.inspections[0].findings).toHaveLength(11);
    // area -> inspections -> findings -> themes
    expect(store.calls).toEqual(['nodes', 'traverse', 'traverse', 'traverse']);
    await api.server.stop();
  });

  it('batches the same levels across every area of a page', async () => {
    const store = countingStore(await seededStore());
    const api = await startApi(store);
    const res = await api.run('{ areas(regionId: "west-midlands", first: 20) { nodes { id inspections { findings { themes { id } } } } } }');
    expect(res.errors).toBeUndefined();
    const withFindings = res.data.areas.nodes.filter((a: { inspections: { findings: unknown[] }[] }) => a.inspections.some((i) => i.findings.length > 0));
    expect(withFindings.map((a: { id: string }) => a.id)).toEqual(['birmingham', 'dudley', 'sandwell', 'staffordshire', 'telford-and-wrekin', 'wolverhampton', 'worcestershire']);
    expect(store.calls).toEqual(['list', 'traverse', 'traverse', 'traverse']);
    await api.server.stop();
  });

  it('batches an analytical answer\'s nodes into one call per level', async () => {
    const store = countingStore(await seededStore());
    const api = await startApi(store);
    const res = await api.run('{ sharedWeaknesses(minAreas: 3) { themes { id findingCount } areas { id } } }');
    expect(res.errors).toBeUndefined();
    expect(res.data.sharedWeaknesses.length).toBeGreaterThan(10);
    // the patterns; then themes and areas of every pattern together; then every theme's counts
    expect(store.calls).toEqual(['sharedWeaknesses', 'nodes', 'themeStats']);
    await api.server.stop();
  });
});
