import { createServer } from 'node:net';

/**
 * The environment for a child `serve` that means the embedded store: without NEO4J_URI or any
 * other NEO4J_ setting from a shell that runs the suite against Neo4j, where `serve` would ignore
 * SEEDS_DIR and never exit (issue 15).
 */
export function embeddedStoreEnv(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([name]) => !name.startsWith('NEO4J_')));
}

/** A port free now: a replacement process must listen where the first did, which port 0 does not give across processes. */
export const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const probe = createServer().once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
