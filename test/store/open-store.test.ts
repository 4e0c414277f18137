import { ConfigError, readConfig } from '../../src/config';
import { withRetry } from '../../src/store/neo4j/connect';
import { chooseStore } from '../../src/store/open-store';

describe('choosing the store from the environment', () => {
  it('uses the embedded store when NEO4J_URI is unset or empty', () => {
    expect(chooseStore(readConfig({ SEEDS_DIR: '/data/seeds', CACHE_DIR: '/data/cache' }))).toEqual({ kind: 'memory', seedsDir: '/data/seeds', cacheDir: '/data/cache' });
    expect(chooseStore(readConfig({ NEO4J_URI: '' })).kind).toBe('memory');
  });

  it('uses Neo4j when NEO4J_URI is set, with defaults for the rest', () => {
    expect(chooseStore(readConfig({ NEO4J_URI: 'bolt://db:7687', NEO4J_PASSWORD: 'secret' }))).toEqual({
      kind: 'neo4j',
      settings: { uri: 'bolt://db:7687', user: 'neo4j', password: 'secret', database: 'neo4j' },
    });
    expect(chooseStore(readConfig({ NEO4J_URI: 'neo4j+s://x.databases.neo4j.io', NEO4J_DATABASE: 'send' })).kind).toBe('neo4j');
  });

  it('refuses a URI that is not bolt or neo4j, naming the variable', () => {
    expect(() => readConfig({ NEO4J_URI: 'http://localhost:7474' })).toThrow(ConfigError);
    expect(() => readConfig({ NEO4J_URI: 'http://localhost:7474' })).toThrow(/NEO4J_URI: must be a bolt:\/\/ or neo4j:\/\/ URI/);
    expect(() => readConfig({ PORT: 'eighty' })).toThrow(/PORT/);
  });
});

describe('the retry policy for reaching Neo4j', () => {
  const policy = { attempts: 4, initialDelayMs: 5, maxDelayMs: 12 };

  it('retries with growing, capped delays until it succeeds', async () => {
    let calls = 0;
    const retries: [number, number][] = [];
    const result = await withRetry(
      async () => {
        if (++calls < 4) throw new Error(`down ${calls}`);
        return 'connected';
      },
      policy,
      (_err, attempt, delay) => retries.push([attempt, delay]),
    );
    expect(result).toBe('connected');
    expect(retries).toEqual([[1, 5], [2, 10], [3, 12]]);
  });

  it('gives up after the last attempt without announcing a retry that will not come', async () => {
    const retries: number[] = [];
    await expect(withRetry(async () => { throw new Error('still down'); }, policy, (_e, attempt) => retries.push(attempt))).rejects.toThrow('still down');
    expect(retries).toEqual([1, 2, 3]);
  });

  it('does not retry what waiting will not fix', async () => {
    let calls = 0;
    await expect(
      withRetry(async () => { calls++; throw Object.assign(new Error('bad password'), { code: 'Neo.ClientError.Security.Unauthorized' }); }, policy, () => undefined, (e) => (e as { code: string }).code !== 'Neo.ClientError.Security.Unauthorized'),
    ).rejects.toThrow('bad password');
    expect(calls).toBe(1);
  });
});
