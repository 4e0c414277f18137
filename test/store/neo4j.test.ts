import pino from 'pino';
import { readConfig } from '../../src/config';
import { chooseStore, connectNeo4j } from '../../src/store/open-store';
import { Neo4jStore } from '../../src/store/neo4j/neo4j-store';
import { ensureSchema, missingSchema } from '../../src/store/neo4j/schema';
import { startApi } from '../api/harness';
import { seedBundle } from '../helpers';
import { describeStoreContract } from './contract';

/**
 * The same contract, against a real Neo4j: runs when NEO4J_URI is set (and WIPES the graph data
 * in NEO4J_DATABASE: point it at a scratch database). test/neo4j-notice.ts says when it is skipped.
 */
const uri = process.env.NEO4J_URI;
const describeWithNeo4j = uri ? describe : describe.skip;

async function openSeededNeo4j(): Promise<Neo4jStore> {
  const config = readConfig();
  const choice = chooseStore(config);
  if (choice.kind !== 'neo4j') throw new Error('NEO4J_URI is not set');
  const store = await connectNeo4j(config, pino({ level: 'silent' }), choice.settings);
  await ensureSchema(store.driverForAdmin(), store.databaseName);
  await store.load(seedBundle());
  return store;
}

describeWithNeo4j('Neo4j store', () => {
  describeStoreContract('neo4j', openSeededNeo4j);

  it('has every constraint and the full-text index after seeding', async () => {
    const store = await openSeededNeo4j();
    expect(await missingSchema(store.driverForAdmin(), store.databaseName)).toEqual([]);
    await store.close();
  });

  it('answers a three-level nested query with one Cypher round trip per level', async () => {
    const store = await openSeededNeo4j();
    const api = await startApi(store);
    const before = store.roundTrips;
    const res = await api.run('{ area(id: "sandwell") { inspections { findings { themes { id } } } } }');
    expect(res.errors).toBeUndefined();
    expect(res.data.area.inspections[0].findings).toHaveLength(11);
    expect(store.roundTrips - before).toBe(4);
    await api.server.stop();
    await store.close();
  });
});
