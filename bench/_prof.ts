import { loadDataset } from '../src/dataset/load-dataset';
import { MemoryStore } from '../src/store/memory/memory-store';
(async () => {
  const s = new MemoryStore(); await s.load(loadDataset('bench-data/scale-1-seed-42'));
  for (let i=0;i<20000;i++) await s.sharedWeaknesses({ minAreas: 38, maxThemes: 3, first: 20 });
})();
