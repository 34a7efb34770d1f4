/**
 * Checks the two speed-benchmark baselines (handloop.js, simjs-mmcm.js) against exact Erlang A
 * (M/M/c+M) values, then times them at the benchmark size.
 *
 *   node bench/check-baselines.js [--calls 1000000] [--batches 20] [--seed 1] [--runs 3] [--bench-calls 1000000]
 *
 * Exact values come from the birth-death chain of the number in system n (birth rate lambda, death
 * rate min(n,c)·mu + (n-c)+·theta, truncated where the probabilities vanish) and PASTA:
 *   P(wait > 0) = P(N >= c)
 *   P(abandon)  = theta·E[Q]/lambda  (Palm/Garnett, Mandelbaum & Reiman 2002), cross-checked against
 *                 1 - sum_n pi_n·P(served | n), below
 *   E[W | answered]: an arrival that finds k = n-c callers waiting moves up one place at rate
 *     r_j = c·mu + j·theta while j callers are ahead of it, and leaves at rate theta, so
 *     P(served | k) = prod_{j=0..k} r_j/(r_j+theta) and E[W | served, k] = sum_{j=0..k} 1/(r_j+theta).
 * Simulation estimates carry batch-means standard errors (calls grouped by arrival index into
 * `batches` equal batches); the script exits 1 if any estimate is more than 4 SE from theory, or if
 * the two baselines, which draw the same alea stream in the same order, do not follow the same
 * sample path (equal counts, equal wait sums up to rounding).
 *
 * Why 1e6 calls by default and not fewer: at 96 Erlangs on 100 agents the queue is strongly
 * autocorrelated, so at 2e5 calls the SEs are ~7% of the values and a 17% error in mean patience
 * still passed; at 1e6 that error fails (E[W|answered] z = -7.4), as does a 1% error in mean handle
 * time (z about 6). P(abandon) alone is a weak test here: it barely moves with mean patience.
 */
import { performance } from "node:perf_hooks";
import { runHandLoop } from "./handloop.js";
import { runSimjs } from "./simjs-mmcm.js";

const MODEL = { lambda: 0.32, agents: 100, meanHandle: 300, meanPatience: 120 };
const TOLERANCE_SE = 4;

function parseArgs(argv) {
  const options = { calls: 1_000_000, batches: 20, seed: 1, runs: 3, benchCalls: 1_000_000 };
  const names = { "--calls": "calls", "--batches": "batches", "--seed": "seed", "--runs": "runs", "--bench-calls": "benchCalls" };
  for (let i = 0; i < argv.length; i += 2) {
    const key = names[argv[i]];
    const value = Number(argv[i + 1]);
    if (key === undefined || !Number.isInteger(value) || value < 0) throw new RangeError(`unknown option or bad value: ${argv[i]} ${argv[i + 1]}`);
    options[key] = value;
  }
  return options;
}

/** Exact Erlang A quantities for M/M/c+M (see header). */
function erlangA({ lambda, agents: c, meanHandle, meanPatience }) {
  const mu = 1 / meanHandle;
  const theta = 1 / meanPatience;
  const pi = [1]; // unnormalised
  let total = 1;
  for (let n = 1; ; n++) {
    const death = Math.min(n, c) * mu + Math.max(n - c, 0) * theta;
    const p = (pi[n - 1] * lambda) / death;
    pi.push(p);
    total += p;
    if (n > c && p < total * 1e-18) break;
  }
  let pAllBusy = 0, meanQueue = 0, pServed = 0, waitServedWeighted = 0;
  let servedGivenK = 1, waitGivenK = 0; // running product and sum over j = 0..k
  for (let n = 0; n < pi.length; n++) {
    const p = pi[n] / total;
    if (n < c) { pServed += p; continue; }
    const k = n - c;
    const r = c * mu + k * theta;
    servedGivenK *= r / (r + theta);
    waitGivenK += 1 / (r + theta);
    pAllBusy += p;
    meanQueue += k * p;
    pServed += p * servedGivenK;
    waitServedWeighted += p * servedGivenK * waitGivenK;
  }
  const pAbandon = (theta * meanQueue) / lambda;
  return { pAbandon, pAbandonByPaths: 1 - pServed, pWait: pAllBusy, meanWaitAnswered: waitServedWeighted / pServed };
}

/** Point estimate from the totals, standard error from the spread of the batch values. */
function batchEstimate(numerators, denominators) {
  const b = numerators.length;
  let num = 0, den = 0, sum = 0, sumSq = 0;
  for (let i = 0; i < b; i++) {
    const x = numerators[i] / denominators[i];
    num += numerators[i]; den += denominators[i]; sum += x; sumSq += x * x;
  }
  const mean = sum / b;
  const variance = (sumSq - b * mean * mean) / (b - 1);
  return { estimate: num / den, se: Math.sqrt(Math.max(variance, 0) / b) };
}

function checkAgainstTheory(name, result, exact) {
  const { answered, abandoned, waited, waitAnsweredSum } = result.batches;
  const callsPerBatch = answered.map((a, i) => a + abandoned[i]);
  const rows = [
    ["P(abandon)", batchEstimate(abandoned, callsPerBatch), exact.pAbandon],
    ["P(wait > 0)", batchEstimate(waited, callsPerBatch), exact.pWait],
    ["E[wait | answered] s", batchEstimate(waitAnsweredSum, answered), exact.meanWaitAnswered],
  ];
  let ok = true;
  for (const [label, { estimate, se }, theory] of rows) {
    const z = (estimate - theory) / se;
    const pass = Math.abs(z) <= TOLERANCE_SE;
    ok &&= pass;
    console.log(`  ${name.padEnd(9)} ${label.padEnd(21)} sim ${estimate.toFixed(6)} ± ${se.toFixed(6)} (SE)   exact ${theory.toFixed(6)}   z = ${z.toFixed(2).padStart(6)}  ${pass ? "ok" : `FAIL (> ${TOLERANCE_SE} SE)`}`);
  }
  // The batch counters must add up to the totals.
  const sum = (a) => a.reduce((s, x) => s + x, 0);
  if (sum(answered) !== result.answered || sum(abandoned) !== result.abandoned || result.answered + result.abandoned !== result.calls) {
    console.log(`  ${name}: FAIL batch counters do not add up to the totals`);
    ok = false;
  }
  return ok;
}

function samePath(a, b) {
  const equalCounts = ["calls", "answered", "abandoned", "events", "answeredWithin20"].every((k) => a[k] === b[k]);
  const equalWaits = Math.abs(a.waitAnsweredSum - b.waitAnsweredSum) <= 1e-9 * Math.max(1, a.waitAnsweredSum);
  return equalCounts && equalWaits;
}

function time(run, options, runs) {
  const samples = [];
  let result;
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    result = run(options);
    samples.push((performance.now() - start) / 1000);
  }
  samples.sort((x, y) => x - y);
  return { seconds: samples[Math.floor((samples.length - 1) / 2)], samples, result };
}

function main() {
  const options = parseArgs(process.argv.slice(2));
  const exact = erlangA(MODEL);
  console.log(`MMcM: lambda=${MODEL.lambda}/s, c=${MODEL.agents}, mean handle ${MODEL.meanHandle} s, mean patience ${MODEL.meanPatience} s`);
  console.log(`exact Erlang A: P(abandon)=${exact.pAbandon.toFixed(6)} (paths: ${exact.pAbandonByPaths.toFixed(6)}), P(wait>0)=${exact.pWait.toFixed(6)}, E[W|answered]=${exact.meanWaitAnswered.toFixed(4)} s`);
  let ok = Math.abs(exact.pAbandon - exact.pAbandonByPaths) < 1e-9;
  if (!ok) console.log("FAIL: the two exact abandonment formulas disagree");

  console.log(`\naccuracy: ${options.calls} calls, seed ${options.seed}, ${options.batches} batches, tolerance ${TOLERANCE_SE} SE`);
  const runOptions = { ...MODEL, calls: options.calls, seed: options.seed, batches: options.batches };
  const hand = runHandLoop(runOptions);
  const simjs = runSimjs(runOptions);
  ok = checkAgainstTheory("handloop", hand, exact) && ok;
  ok = checkAgainstTheory("simjs", simjs, exact) && ok;
  if (samePath(hand, simjs)) {
    console.log(`  both baselines followed the same sample path (answered ${hand.answered}, abandoned ${hand.abandoned}, events ${hand.events})`);
  } else {
    console.log(`  FAIL: the baselines differ on the same seed:\n    handloop ${JSON.stringify({ ...hand, batches: undefined })}\n    simjs    ${JSON.stringify({ ...simjs, batches: undefined })}`);
    ok = false;
  }

  if (options.runs > 0) {
    console.log(`\nspeed: ${options.benchCalls} calls, median of ${options.runs} run(s) in this process (node ${process.version})`);
    const benchOptions = { ...MODEL, calls: options.benchCalls, seed: options.seed };
    for (const [name, run] of [["handloop", runHandLoop], ["simjs", runSimjs]]) {
      const { seconds, samples, result } = time(run, benchOptions, options.runs);
      const events = result.events;
      console.log(`  ${name.padEnd(9)} ${seconds.toFixed(3)} s   ${(events / seconds / 1e6).toFixed(2)} M events/s   ${(result.calls / seconds / 1e6).toFixed(3)} M calls/s` +
        `   (events ${events}, runs ${samples.map((s) => s.toFixed(3)).join(" ")} s, abandoned ${(result.abandoned / result.calls).toFixed(5)})`);
    }
  }

  if (!ok) {
    console.log("\nFAILED");
    process.exitCode = 1;
  } else {
    console.log("\nall checks passed");
  }
}

main();
