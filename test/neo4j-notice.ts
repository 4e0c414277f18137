/** Jest global setup: one plain line when the Neo4j half of the tests is skipped. */
export default function neo4jNotice(): void {
  if (!process.env.NEO4J_URI) {
    process.stderr.write('\nNeo4j half of the store contract SKIPPED: NEO4J_URI is not set (see README, "Running on Neo4j").\n');
  }
}
