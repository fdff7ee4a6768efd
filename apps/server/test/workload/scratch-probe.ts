import { startStack } from './stack.js';
import { Workload } from './workload.js';
const s = await startStack({ servers: 1, redis: 'cluster' });
try {
  const w = new Workload(s.pool);
  await w.register();
  try { w.startWorkers(); await w.startWorkflows(40, 32); } catch (e) { console.log("ERR", e); }
  await new Promise((r) => setTimeout(r, 500));
  console.log(s.servers[0]!.output().slice(-5000));
} finally {
  await s.close();
}
