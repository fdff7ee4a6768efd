import { createManualClock, runStoreConformance } from './store-conformance.js';
import { createMemoryStores } from './memory-stores.js';

runStoreConformance('memory', async () => {
  const clock = createManualClock();
  return { ...createMemoryStores({ clock }), clock, cleanup: async () => {} };
});
