/**
 * Baseline 2 of the speed benchmark: the MMcM model (M/M/c+M, see handloop.js) written with the
 * `simjs` package (SIM.JS, v2.0.3), the way its documentation models queues:
 *
 * - the agents are one FCFS `Sim.Facility` with `agents` servers (docs, resources: "Example: M/M/c
 *   Queue");
 * - one source entity re-arms `setTimer(interArrival).done(...)` for every arrival, and each
 *   arrival calls `useFacility(agents, handle)` (same example);
 * - reneging is the documented Request clause `.waitUntil(patience, onAbandon)`: if the request is
 *   not granted within `patience`, simjs cancels it and calls `onAbandon`; once service starts the
 *   clause is void (docs, request: "Special case with facilities"). `.done(onAnswered)` runs when
 *   the service *ends* (simjs only notifies at completion), so the wait is end - handle - arrival.
 *
 * Arrivals stop after `calls`; `sim.simulate(Infinity)` runs until the event list is empty, exactly
 * as the hand loop does. simjs cancels a granted caller's renege timer by flagging it, and pops the
 * flagged entry later (lazy deletion, like the hand loop), so its event list sees the same entries:
 * events = calls + answered + callers who had to wait. simjs does not expose its event count, so
 * `events` is counted by wrapping `sim.queue.remove` (one closure call per pop; negligible next to
 * simjs's own per-event cost).
 *
 * Loading: see loadSimjs below (the npm bundle only defines `window.Sim`).
 *
 * Randomness: seedrandom `alea`, not simjs's `Sim.Random` (a Mersenne Twister), so that both
 * baselines pay for the same generator and draw in the same order (first inter-arrival; then per
 * arrival handle, patience, next inter-arrival): for a given seed both follow the identical sample
 * path, which check-baselines.js verifies.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { runInThisContext } from "node:vm";
import seedrandom from "seedrandom";
import { validateOptions } from "./handloop.js";

const Sim = loadSimjs();

/**
 * The simjs 2.0.3 npm file is a browserify bundle that exports nothing to Node (`require("simjs")`
 * is `{}`): it only sets `window.Sim`. So evaluate it, in this realm, with a private `window`,
 * rather than defining a global `window` that other libraries would notice.
 */
function loadSimjs() {
  const file = createRequire(import.meta.url).resolve("simjs");
  const source = readFileSync(file, "utf8");
  const holder = {};
  runInThisContext(`(function (window, require) {\n${source}\n})`, { filename: file, lineOffset: -1 })(holder, undefined);
  if (typeof holder.Sim?.Sim !== "function") throw new Error(`could not load simjs from ${file}`);
  return holder.Sim;
}

export function runSimjs({ calls = 1e6, lambda = 0.32, agents = 100, meanHandle = 300, meanPatience = 120, seed = 1, batches = 0 } = {}) {
  validateOptions({ calls, lambda, agents, meanHandle, meanPatience, seed, batches });
  const rng = seedrandom.alea(String(seed));
  const exponential = (mean) => -mean * Math.log(1 - rng());
  const meanInterarrival = 1 / lambda;

  const sim = new Sim.Sim();
  const agentPool = new Sim.Facility("agents", Sim.Facility.FCFS, agents);

  let events = 0;
  const removeEarliest = sim.queue.remove.bind(sim.queue);
  sim.queue.remove = () => {
    const request = removeEarliest();
    if (request !== null) events++;
    return request;
  };

  let arrived = 0, answered = 0, abandoned = 0, answeredWithin20 = 0, waitAnsweredSum = 0;
  const perBatch = batches > 0
    ? { answered: new Float64Array(batches), abandoned: new Float64Array(batches), waited: new Float64Array(batches), waitAnsweredSum: new Float64Array(batches) }
    : null;
  const batchOf = (call) => Math.floor((call * batches) / calls);

  class CallSource extends Sim.Entity {
    start() {
      if (arrived < calls) this.setTimer(exponential(meanInterarrival)).done(this.arrive);
    }

    arrive() {
      const call = arrived++;
      const arrivalTime = this.time();
      const handle = exponential(meanHandle);
      const patience = exponential(meanPatience);
      // Only for the batch statistics: a free agent means this caller is answered at once.
      const waits = perBatch !== null && agentPool.free === 0;
      this.useFacility(agentPool, handle)
        .done(() => {
          const wait = Math.max(0, this.time() - handle - arrivalTime); // max: rounding of (t + h) - h
          answered++;
          waitAnsweredSum += wait;
          if (wait <= 20) answeredWithin20++;
          if (perBatch !== null) {
            perBatch.answered[batchOf(call)]++;
            perBatch.waitAnsweredSum[batchOf(call)] += wait;
          }
        })
        .waitUntil(patience, () => {
          abandoned++;
          if (perBatch !== null) perBatch.abandoned[batchOf(call)]++;
        });
      if (waits) perBatch.waited[batchOf(call)]++;
      this.start();
    }
  }

  sim.addEntity(CallSource);
  sim.simulate(Infinity);

  const result = { calls: arrived, answered, abandoned, events, waitAnsweredSum, answeredWithin20 };
  if (perBatch !== null) result.batches = perBatch;
  return result;
}
