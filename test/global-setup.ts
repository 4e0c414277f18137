import neo4jNotice from './neo4j-notice';
import { requireSharedData } from './shared-data';

/** Jest global setup: the shared data must be there; the Neo4j half's skip is said in one line. */
export default function globalSetup(): void {
  requireSharedData();
  neo4jNotice();
}
