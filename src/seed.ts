import { SingleBar, Presets } from 'cli-progress';
import { ConfigError, type Config } from './config';
import { countByLabel, loadDataset } from './dataset/load-dataset';
import type { Logger } from './log';
import { chooseStore, connectNeo4j } from './store/open-store';
import { ensureSchema } from './store/neo4j/schema';
import { databaseContents, writeBundle, type SeedProgress } from './store/neo4j/seed-writer';

/** Validates every seed file, then writes the whole dataset to Neo4j in one transaction. */
export async function seedNeo4j(config: Config, logger: Logger, options: { reset: boolean }): Promise<void> {
  const choice = chooseStore(config);
  if (choice.kind !== 'neo4j') {
    throw new ConfigError('Seeding writes to Neo4j: set NEO4J_URI (and NEO4J_USER, NEO4J_PASSWORD), e.g. NEO4J_URI=bolt://localhost:7687. The embedded store reads seeds/ at start-up and needs no seeding.');
  }
  const bundle = loadDataset(config.SEEDS_DIR);
  console.log(`Seeds valid: ${bundle.nodes.length} nodes, ${bundle.relationships.count} relationships.`);
  const store = await connectNeo4j(config, logger, choice.settings);
  const driver = store.driverForAdmin();
  try {
    await ensureSchema(driver, store.databaseName);
    if (options.reset) {
      const before = await databaseContents(driver, store.databaseName);
      console.log(`--reset: deleting everything in database "${store.databaseName}": ${before.nodes} nodes and ${before.relationships} relationships, in the same transaction as the load.`);
    }
    const bar = process.stdout.isTTY ? new SingleBar({ format: 'Seeding [{bar}] {value}/{total} batches: {step}' }, Presets.shades_classic) : null;
    let lastLogged = -1;
    const onProgress = (p: SeedProgress) => {
      if (bar) {
        if (p.done === 1) bar.start(p.total, 0, { step: p.step });
        bar.update(p.done, { step: p.step });
        return;
      }
      const pct = Math.floor((p.done / p.total) * 10) * 10;
      if (pct !== lastLogged) console.log(`Seeding: ${pct}% (${p.step})`);
      lastLogged = pct;
    };
    const { derivedRelationships, similarTo, similarByFindings, similarByThemes } = await writeBundle(driver, store.databaseName, bundle, { reset: options.reset, onProgress });
    bar?.stop();
    const stats = await store.stats();
    console.log(`Seeded database "${store.databaseName}":`);
    const expected = countByLabel(bundle);
    for (const [label, n] of Object.entries(stats.nodes).sort()) console.log(`  ${label.padEnd(12)} ${n}${expected[label] === n ? '' : `  (seeds: ${expected[label] ?? 0})`}`);
    console.log(`  ${'(relations)'.padEnd(12)} ${stats.relationships}`);
    console.log(`  ${'(derived)'.padEnd(12)} ${derivedRelationships} HAS_THEME, for the analyses; ${similarTo} SIMILAR_TO, ${similarByFindings} SIMILAR_BY_FINDINGS and ${similarByThemes} SIMILAR_BY_THEMES, for the similarities`);
  } finally {
    await store.close();
  }
}
