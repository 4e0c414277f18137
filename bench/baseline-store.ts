import pino from 'pino';
import { readConfig } from '../src/config';
import { loadDataset } from '../src/dataset/load-dataset';
import { MemoryStore } from '../src/store/memory/memory-store';
import { ensureSchema } from '../src/store/neo4j/schema';
import { writeBundle } from '../src/store/neo4j/seed-writer';
import { chooseStore, connectNeo4j } from '../src/store/open-store';
import type { GraphStore } from '../src/store/port';

const silent = pino({ level: 'silent' });

/** The store the configuration chooses, loaded with a dataset in this process: Neo4j (with NEO4J_URI set; WIPED and seeded) or the embedded store. */
export async function baselineStore(seedsDir: string): Promise<{ store: GraphStore; close: () => Promise<void> }> {
  const config = readConfig();
  const choice = chooseStore(config);
  const bundle = loadDataset(seedsDir);
  if (choice.kind === 'memory') {
    const store = new MemoryStore();
    await store.load(bundle);
    return { store, close: () => store.close() };
  }
  const store = await connectNeo4j(config, silent, choice.settings);
  await ensureSchema(store.driverForAdmin(), store.databaseName);
  await writeBundle(store.driverForAdmin(), store.databaseName, bundle, { reset: true });
  return { store, close: () => store.close() };
}

