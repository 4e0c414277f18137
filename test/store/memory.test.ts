import { MemoryStore } from '../../src/store/memory/memory-store';
import { StoreUnavailableError } from '../../src/store/errors';
import { seedBundle } from '../helpers';
import { describeStoreContract } from './contract';
import { describeContextContract } from './context-contract';

describeStoreContract('memory (embedded)', async () => {
  const store = new MemoryStore();
  await store.load(seedBundle());
  return store;
});

describe('MemoryStore before loading', () => {
  it('says it is unavailable rather than answering empty', async () => {
    await expect(new MemoryStore().stats()).rejects.toBeInstanceOf(StoreUnavailableError);
  });
});

describeContextContract('memory (embedded)', async () => {
  const store = new MemoryStore();
  await store.load(seedBundle());
  return store;
});
