import type { Driver, Record as Neo4jRecord } from 'neo4j-driver';

/**
 * A stand-in for the driver, as far as Neo4jStore's reads use it (an auto-commit `session.run`
 * per statement): `run` answers each statement sent, and may record it.
 */
export function sessionDriver(run: (text: string, params: Record<string, unknown>) => Promise<{ records: Neo4jRecord[] }>): Driver {
  return { session: () => ({ run, close: async () => undefined }) } as unknown as Driver;
}
