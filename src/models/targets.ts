/**
 * Staffing to targets: the fewest agents whose Erlang A (or C, without abandonment) KPIs meet a
 * service level, an ASA, an abandonment cap and an occupancy ceiling at once.
 *
 * Chat and messaging agents hold up to `concurrency` conversations, and each extra one slows
 * all of that agent's conversations (speed 1 / (1 + slowdown × (talking − 1)), as the simulator
 * runs them). A contact waits only when every conversation slot is taken, so near the staffing
 * that matters the agents run at full concurrency: the queue is then a many-server queue with
 * n × concurrency slots, each held for the slowed talk time plus the (unslowed) wrap-up. The
 * slowed talk time T solves T = talk × (1 + slowdown × (concurrency − 1) × T / (T + wrap)) —
 * the other slots are talking (rather than wrapping up) for the share T / (T + wrap) of the
 * time. At low load agents hold fewer conversations and work faster, so this errs on the side
 * of service; the simulation-based correction of the planner takes the excess back.
 */
import { erlangAKpis, erlangCKpis } from "./erlang.js";

export interface StaffingTargets {
  /** Answered within `thresholdSeconds` / (answered + abandoned) at least `level`. */
  serviceLevel?: { level: number; thresholdSeconds: number };
  /** Mean wait of answered contacts at most this many seconds. */
  asa?: number;
  /** Abandoned / (answered + abandoned) at most this share. */
  abandonment?: number;
  /** Busy / staffed time at most this share. */
  occupancy?: number;
}

/** One interval's forecast for a group, per contact (before concurrency). */
export interface QueueForecast {
  /** Contacts per second. */
  arrivalRate: number;
  /** Mean talk time (handle-time factor applied), seconds. */
  meanTalk: number;
  /** Mean wrap-up, seconds. */
  meanWrap: number;
  /** Mean patience, or null when some contact never abandons (Erlang C). */
  meanPatience: number | null;
  /** Conversations per agent at once (1 for voice and email), and the slowdown per extra one. */
  concurrency: number;
  slowdown: number;
}

/** Mean time a conversation holds one of an agent's slots when the agent runs at full concurrency. */
export function slotHoldingTime(meanTalk: number, meanWrap: number, concurrency: number, slowdown: number): number {
  if (concurrency <= 1 || slowdown === 0 || meanTalk === 0) return meanTalk + meanWrap;
  const extra = slowdown * (concurrency - 1);
  // T = talk·(1 + extra·T/(T + wrap)) is the quadratic T² + b·T − talk·wrap = 0 with
  // b = wrap − talk·(1 + extra); its positive root. (root − b)/2 cancels only when b > 0, that is
  // when the wrap-up exceeds the slowed talk: its error is then below the rounding of T + wrap.
  const b = meanWrap - meanTalk * (1 + extra);
  const root = Math.sqrt(b * b + 4 * meanTalk * meanWrap);
  return (root - b) / 2 + meanWrap;
}

export interface TargetKpis {
  serviceLevel: number;
  asa: number;
  abandonment: number;
  occupancy: number;
}

/** Erlang A (or C) KPIs of `agents` agents for a forecast, on the slot model above. */
export function kpisFor(f: QueueForecast, agents: number, thresholdSeconds: number): TargetKpis | null {
  const slots = agents * Math.max(1, f.concurrency);
  const meanHandle = slotHoldingTime(f.meanTalk, f.meanWrap, f.concurrency, f.slowdown);
  if (f.meanPatience !== null) {
    const k = erlangAKpis({ arrivalRate: f.arrivalRate, meanHandle, meanPatience: f.meanPatience, agents: slots, targetSeconds: thresholdSeconds });
    return { serviceLevel: k.serviceLevel, asa: k.asa, abandonment: k.abandonRate, occupancy: k.occupancy };
  }
  const k = erlangCKpis({ arrivalRate: f.arrivalRate, meanHandle, agents: slots, targetSeconds: thresholdSeconds });
  return k.stable ? { serviceLevel: k.serviceLevel, asa: k.asa, abandonment: 0, occupancy: k.occupancy } : null;
}

/** Whether KPIs meet every target given. */
export function meetsTargets(k: TargetKpis | null, t: StaffingTargets): boolean {
  if (!k) return false;
  if (t.serviceLevel && k.serviceLevel < t.serviceLevel.level) return false;
  return k.asa <= (t.asa ?? Infinity) && k.abandonment <= (t.abandonment ?? Infinity) && k.occupancy <= (t.occupancy ?? Infinity);
}

/**
 * The fewest agents meeting every target (each KPI is monotone in the agents, so the first
 * staffing that meets them all is the answer). 0 without arrivals. RangeError when more than
 * `maxAgents` would be needed.
 */
export function agentsForTargets(f: QueueForecast, t: StaffingTargets, maxAgents = 100_000): number {
  if (f.arrivalRate <= 0) return 0;
  const threshold = t.serviceLevel?.thresholdSeconds ?? 0;
  const meets = (n: number) => meetsTargets(kpisFor(f, n, threshold), t);
  const tooMany = () => new RangeError(`more than ${maxAgents} agents would be needed for ${(f.arrivalRate * 3600).toFixed(1)} contacts an hour`);
  // Gallop up from one agent, then bisect. (Starting near the load saves little: below it Erlang C
  // is unstable at no cost, and with abandonment the answer is often below it.) The gallop may
  // overshoot maxAgents (it stops once maxAgents fail), so the answer is checked at the end.
  let fails = 0;
  let step = 1;
  let succeeds = 1;
  while (!meets(succeeds)) {
    fails = succeeds;
    if (fails >= maxAgents) throw tooMany();
    step *= 2;
    succeeds = fails + step;
  }
  while (succeeds - fails > 1) {
    const mid = fails + Math.floor((succeeds - fails) / 2);
    if (meets(mid)) succeeds = mid;
    else fails = mid;
  }
  if (succeeds > maxAgents) throw tooMany();
  return succeeds;
}
