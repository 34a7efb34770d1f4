/** Run warnings in words: where, what, how bad, and what to do. */
import type { Finding } from "../experiment/diagnose.js";
import { clockLabel, formatPercent } from "./format.js";

export interface RunWarning {
  code: string;
  message: string;
}

/** Every run warning, for docs/errors.md. */
export const RUN_WARNINGS: Record<Finding["code"], { title: string; example: string; fix: string }> = {
  "no-agents-on-duty": {
    title: "Contacts are forecast at times when nobody who serves them is on duty",
    example: "billing: about 139 contacts are expected while no agent who serves them is on duty (first at Sat 10:00)",
    fix: "Staff those hours, stagger breaks so the floor never empties, or set openHours for the contact type.",
  },
  overloaded: {
    title: "Offered load exceeds the agents on duty while customers never hang up, so the queue grows without bound",
    example: "offered load exceeds capacity at Mon 10:00: 52.3 Erlangs for 40 agents (131%)",
    fix: "Add agents in those intervals (ccsim staff), or give the contact type a patience if customers do hang up.",
  },
  "replication-overloaded": {
    title: "A replication stopped early because contacts in the system reached limits.maxInSystem",
    example: "3 replication(s) stopped early: contacts in the system reached limits.maxInSystem (peak 1000001)",
    fix: "The center cannot keep up: add capacity. Raise limits.maxInSystem only if such queues are real.",
  },
  "replication-event-limit": {
    title: "A replication stopped at limits.maxEvents (a guard against runs that never end)",
    example: "1 replication(s) stopped at limits.maxEvents",
    fix: "Look for zero-length handle times combined with zero-delay retries or repeats; raise the limit only for huge runs.",
  },
  "queue-growing": {
    title: "Many contacts were still waiting when the run ended",
    example: "1843 contacts (12% of offered) were still waiting at the end; the longest queue (tech) reached 611 on average",
    fix: "Add capacity, or check that emails are staffed (their backlog carries over).",
  },
};

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
        message: `offered load exceeds capacity at ${clockLabel(f.interval * f.intervalSeconds, startDay)}: ${f.load.toFixed(1)} Erlangs for ${Number.isInteger(f.agents) ? f.agents : f.agents.toFixed(1)} agents (${f.agents > 0 ? formatPercent(f.load / f.agents, 0) : "no agents"}), and ${f.patientTypes.join(", ")} never hang up, so the queue grows while this lasts`,
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
