/** Run warnings in words: where, what, how bad, and what to do. */
import type { Finding } from "../experiment/diagnose.js";
import { clockLabel, formatPercent } from "./format.js";

export interface RunWarning {
  code: string;
  message: string;
}

export function describeFinding(f: Finding, startDay = 0): RunWarning {
  switch (f.code) {
    case "no-agents-on-duty":
      return {
        code: f.code,
        message: `${f.type}: about ${Math.round(f.expected)} contacts are expected while no agent who serves them is on duty (first at ${clockLabel(f.firstInterval * f.intervalSeconds, startDay)}); they wait until they hang up or someone comes on duty`,
      };
    case "overloaded":
      return {
        code: f.code,
        message: `offered load exceeds capacity at ${clockLabel(f.interval * f.intervalSeconds, startDay)}: ${f.load.toFixed(1)} Erlangs for ${f.agents} agents (${f.agents > 0 ? formatPercent(f.load / f.agents, 0) : "no agents"}), and ${f.patientTypes.join(", ")} never hang up, so the queue grows while this lasts`,
      };
    case "replication-overloaded":
      return {
        code: f.code,
        message: `${f.replications} replication(s) stopped early: contacts in the system reached limits.maxInSystem (peak ${f.peakInSystem}); the center cannot keep up, and results cover only the time before the stop`,
      };
    case "replication-event-limit":
      return {
        code: f.code,
        message: `${f.replications} replication(s) stopped at limits.maxEvents: look for zero-length handle times with zero-delay retries or repeats`,
      };
    case "queue-growing":
      return {
        code: f.code,
        message: `${Math.round(f.leftWaiting)} contacts (${formatPercent(f.leftWaiting / f.offered, 0)} of offered) were still waiting at the end; the longest queue (${f.longestQueueType}) reached ${Math.round(f.longestQueue)} on average`,
      };
  }
}
