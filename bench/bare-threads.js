/**
 * The most two-way parallelism this machine gives the realistic week: bare worker threads, each
 * running its share of the replications in a plain loop — no pool, no messages per replication,
 * nothing shared but the start signal. The week case's pool is measured against this.
 *
 *   const { wall, steadyRate } = await runBareThreads(replications, threads, steady)
 *
 * Threads load ccsim and compile the model, then wait for a common start; each records when it
 * finished each replication (on the shared clock performance.timeOrigin + now).
 */
import { Worker, isMainThread, parentPort, workerData } from "node:worker_threads";
import { performance } from "node:perf_hooks";

const now = () => performance.timeOrigin + performance.now();

export async function runBareThreads(replications, threads, steady) {
  const ready = new Int32Array(new SharedArrayBuffer(8)); // [threads ready, go]
  const finished = [];
  const workers = Array.from({ length: threads }, (_, k) => {
    const worker = new Worker(new URL(import.meta.url), { workerData: { ready, k, threads, replications } });
    return new Promise((resolve, reject) => {
      worker.on("message", (times) => {
        finished.push(...times);
        resolve();
      });
      worker.on("error", reject);
    });
  });
  while (Atomics.load(ready, 0) < threads) await new Promise((r) => setTimeout(r, 5));
  const start = now();
  Atomics.store(ready, 1, 1);
  Atomics.notify(ready, 1);
  await Promise.all(workers);
  finished.sort((a, b) => a - b);
  const last = finished[finished.length - 1];
  return { wall: (last - start) / 1000, steadyRate: (finished.length - steady) / ((last - finished[steady - 1]) / 1000) };
}

if (!isMainThread) {
  const { ready, k, threads, replications } = workerData;
  const ccsim = await import("../dist/index.js");
  const { scenario } = ccsim.loadScenarioOrThrow("scenarios/baseline.yaml");
  const model = ccsim.compileModel(scenario);
  Atomics.add(ready, 0, 1);
  Atomics.wait(ready, 1, 0);
  const times = [];
  for (let i = k; i < replications; i += threads) {
    ccsim.replicationResult(ccsim.simulate(model, ccsim.streams(scenario.seed).fork(i), i), model);
    times.push(now());
  }
  parentPort.postMessage(times);
}
