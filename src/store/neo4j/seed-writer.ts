import type { Driver, ManagedTransaction } from 'neo4j-driver';
import { relationshipRows, type Bundle, type Label, type RelRow, type RelType } from '../../domain/model';
import { HAS_THEME, hasThemeRows, hasThemeVariant, themeWeaknessAreas, WEAKNESS_AREAS } from '../has-theme';
import { ENTITY, label as checkedLabel, relType as checkedRelType } from './cypher';
import { findingVectors } from '../finding-similarity';
import { SIMILAR_TO } from '../similar-to';
import { SIMILAR_BY_FINDINGS } from '../similar-by-findings';
import { SIMILAR_BY_THEMES } from '../similar-by-themes';
import { similarityBatches, writeSimilarity } from './similarity-writer';
import { MemoryGraph } from '../memory/memory-graph';
import { FindingSimilarityIndex } from '../memory/finding-similarity-index';
import { relToProperties, rowToProperties } from './values';
import { writeContext } from './context-writer';
import { emptyContext } from '../../domain/context';

export const BATCH_SIZE = 1000;

export interface SeedProgress {
  done: number;
  total: number;
  step: string;
}

function batches<T>(items: T[], size = BATCH_SIZE): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

const groupBy = <T, K>(items: T[], key: (t: T) => K) => {
  const m = new Map<K, T[]>();
  for (const t of items) m.set(key(t), [...(m.get(key(t)) ?? []), t]);
  return m;
};

/** Writes a batch of derived HAS_THEME rows (has-theme.ts): one relationship per holder, theme, polarity and framework. */
export const MERGE_HAS_THEME = `UNWIND $rows AS row
MATCH (a:${ENTITY} {id: row.from})
MATCH (t:Theme {id: row.to})
MERGE (a)-[r:${HAS_THEME} {variant: row.variant}]->(t)
SET r.polarity = row.polarity, r.framework = row.framework, r.findings = size(row.findingIds), r.findingIds = row.findingIds`;

/** Writes each theme's areas with a weakness finding about it (has-theme.ts themeWeaknessAreas), after the theme nodes' own properties. */
export const SET_THEME_WEAKNESS_AREAS = `UNWIND $rows AS row
MATCH (t:Theme {id: row.id})
SET t.${WEAKNESS_AREAS} = row.areaIds`;

/** Writes a batch of stated relationships; one dated by `variant` (a SERVES per period, see relationshipVariant) is one per variant. */
export const mergeRelationships = (t: RelType, variant: boolean) => `UNWIND $rows AS row
MATCH (a:${ENTITY} {id: row.from})
MATCH (b:${ENTITY} {id: row.to})
MERGE (a)-[r:${t}${variant ? ' {variant: row.variant}' : ''}]->(b)
SET r = row.props`;

/** What tells apart two stated relationships of one type between the same nodes: the first day of a dated service. */
export const relationshipVariant = (rel: RelRow): string => (rel.type === 'SERVES' && rel.since ? rel.since : '');

/** Deletes every relationship whose key (see relationshipKey) the seeds, stated or derived, no longer hold (the similarity relationships are rewritten whole: similarity-writer.ts). */
export const REMOVE_UNKNOWN_RELATIONSHIPS = `MATCH (a:${ENTITY})-[r]->(b:${ENTITY})
WHERE NOT type(r) IN ['${SIMILAR_TO}', '${SIMILAR_BY_FINDINGS}', '${SIMILAR_BY_THEMES}'] AND NOT (type(r) + '|' + a.id + '|' + b.id + '|' + coalesce(r.variant, '')) IN $keys
DELETE r`;

/** A relationship as the clean-up step names it: HAS_THEME has one per variant (polarity and framework) between the same two nodes. */
export const relationshipKey = (type: string, from: string, to: string, variant = '') => `${type}|${from}|${to}|${variant}`;

/**
 * Writes the bundle in one write transaction with batched UNWIND ... MERGE, then removes this
 * graph's nodes and relationships that the bundle no longer holds: running it twice leaves the
 * same graph, and a failure part-way (or a killed process) leaves the database as it was.
 * With `reset`, the whole database is emptied first, in the same transaction.
 */
export async function writeBundle(
  driver: Driver,
  database: string,
  bundle: Bundle,
  options: { reset?: boolean; onProgress?: (p: SeedProgress) => void } = {},
): Promise<{ derivedRelationships: number; similarTo: number; similarByFindings: number; similarByThemes: number }> {
  const vectors = findingVectors(bundle.nodes);
  const graph = new MemoryGraph(bundle);
  const similarity = new FindingSimilarityIndex(graph);
  const nodeBatches = [...groupBy(bundle.nodes, (n) => n.label)].flatMap(([l, rows]) => batches(rows).map((b) => ({ label: l, rows: b })));
  const relationships = relationshipRows(bundle);
  const relBatches = [...groupBy(relationships, (r) => `${r.type}|${relationshipVariant(r) !== ''}`)].flatMap(([, rows]) =>
    batches(rows).map((b) => ({ type: rows[0].type, variant: relationshipVariant(rows[0]) !== '', rows: b })),
  );
  const derived = hasThemeRows(bundle);
  const derivedBatches = batches(derived);
  const themeAreas = themeWeaknessAreas(derived, bundle.nodes.filter((n) => n.label === 'Theme').map((n) => n.id));
  const total = nodeBatches.length + relBatches.length + derivedBatches.length + similarityBatches(similarity) + 4 + (options.reset ? 1 : 0);
  let done = 0;
  const progress = (step: string) => options.onProgress?.({ done: ++done, total, step });

  let similar = { similarTo: 0, similarByFindings: 0, similarByThemes: 0 };
  const session = driver.session({ database });
  try {
    await session.executeWrite(async (tx: ManagedTransaction) => {
      done = 0;
      if (options.reset) {
        await tx.run('MATCH (n) DETACH DELETE n');
        progress('emptied the database');
      }
      for (const b of nodeBatches) {
        const l: Label = checkedLabel(b.label);
        await tx.run(
          `UNWIND $rows AS row
MERGE (n:${ENTITY} {id: row.id})
SET n = row.props
SET n:${l}`,
          { rows: b.rows.map((r) => ({ id: r.id, props: rowToProperties(r, vectors.get(r.id)) })) },
        );
        progress(`${l} nodes`);
      }
      for (const b of relBatches) {
        const t: RelType = checkedRelType(b.type);
        await tx.run(mergeRelationships(t, b.variant), {
          rows: b.rows.map((r) => {
            const variant = relationshipVariant(r);
            return { from: r.from, to: r.to, variant, props: variant ? { ...relToProperties(r), variant } : relToProperties(r) };
          }),
        });
        progress(`${t} relationships`);
      }
      // Derived from what was just written (see has-theme.ts), in the same transaction, so never out of step with the findings.
      for (const rows of derivedBatches) {
        await tx.run(MERGE_HAS_THEME, { rows: rows.map((r) => ({ ...r, variant: hasThemeVariant(r.polarity, r.framework) })) });
        progress(`${HAS_THEME} relationships (derived)`);
      }
      await tx.run(SET_THEME_WEAKNESS_AREAS, { rows: themeAreas });
      progress("themes' weakness areas (derived)");
      // Derived by the embedded store's code (similar-to.ts, similar-by-findings.ts, similar-by-themes.ts).
      similar = await writeSimilarity(tx, graph, similarity, progress);
      await tx.run(`MATCH (n:${ENTITY}) WHERE NOT n.id IN $ids DETACH DELETE n`, { ids: bundle.nodes.map((n) => n.id) });
      progress('removed nodes no longer in the seeds');
      const derivedKeys = derived.map((r) => relationshipKey(HAS_THEME, r.from, r.to, hasThemeVariant(r.polarity, r.framework)));
      await tx.run(REMOVE_UNKNOWN_RELATIONSHIPS, { keys: [...relationships.map((r) => relationshipKey(r.type, r.from, r.to, relationshipVariant(r))), ...derivedKeys] });
      progress('removed relationships no longer in the seeds');
      // After the clean-up above, which keeps only the stated and derived relationships.
      await writeContext(tx, bundle.context ?? emptyContext(), BATCH_SIZE, progress);
    });
  } finally {
    await session.close();
  }
  return { derivedRelationships: derived.length, ...similar };
}

/** What `--reset` will delete, said before it does. */
export async function databaseContents(driver: Driver, database: string): Promise<{ nodes: number; relationships: number }> {
  const { records } = await driver.executeQuery(
    'MATCH (n) WITH count(n) AS nodes MATCH ()-[r]->() RETURN nodes, count(r) AS relationships',
    {},
    { database },
  );
  const r = records[0];
  return { nodes: Number(r?.get('nodes') ?? 0), relationships: Number(r?.get('relationships') ?? 0) };
}
