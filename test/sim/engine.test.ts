/**
 * The engine's behaviours, one at a time, on small scenarios whose outcome is known exactly or
 * follows from the model's rules.
 */
import { describe, expect, it } from "vitest";
import { runScenario } from "../../src/experiment/replicate.js";
import { simulate, type TraceRecord } from "../../src/sim/engine.js";
import { compileModel } from "../../src/sim/model.js";
import { streams } from "../../src/sim/random.js";
import { scenarioOf } from "../helpers.js";

function trace(input: Parameters<typeof scenarioOf>[0], seed = 1): TraceRecord[] {
  const rows: TraceRecord[] = [];
  simulate(compileModel(scenarioOf(input)), streams(seed).fork(0), 0, { trace: (r) => rows.push(r) });
  return rows;
}

const oneType = (extra: Record<string, unknown> = {}, group: Record<string, unknown> = {}) => ({
  horizon: { hours: 6 },
  contactTypes: { calls: { volume: { perHour: 120 }, handleTime: 240, patience: 180, ...extra } },
  agentGroups: { team: { skills: { calls: 1 }, staffing: { constant: 8 }, ...group } },
});

describe("the contact-center engine", () => {
  it("treats chat with one conversation at a time and no slowdown exactly like voice", () => {
    const voice = runScenario(scenarioOf(oneType({ channel: "voice" })), { replications: 3 });
    const chat = runScenario(scenarioOf(oneType({ channel: "chat" })), { replications: 3 });
    // Everything but telephony: a call holds a trunk line, a chat does not.
    const { lineHours: _lines, ...chatKpis } = chat.summary.types.calls;
    const { lineHours, ...voiceKpis } = voice.summary.types.calls;
    expect(chatKpis).toEqual(voiceKpis);
    expect(lineHours.mean).toBeGreaterThan(0);
    expect(_lines.mean).toBe(0);
    expect(chat.summary.groups.team).toEqual(voice.summary.groups.team);
  });

  it("slows every concurrent conversation by the slowdown per extra chat", () => {
    const aht = (slowdown: number) =>
      runScenario(scenarioOf(oneType({ channel: "chat", handleTime: { dist: "deterministic", mean: 600 }, patience: "infinite" }, { concurrency: { max: 3, slowdown }, staffing: { constant: 4 } })), { replications: 2 }).summary.types.calls.aht.mean!;
    const none = aht(0);
    expect(none).toBeCloseTo(600, 9); // no slowdown: every chat takes exactly its handle time
    const some = aht(0.2);
    expect(some).toBeGreaterThan(600);
    expect(some).toBeLessThanOrEqual(600 * 1.4 + 1e-6); // at most three at once: at most 1 + 0.2 × 2
    expect(aht(0.5)).toBeGreaterThan(some);
  });

  it("never loses an email: every one offered is answered or still in the backlog at the end", () => {
    const s = scenarioOf({
      horizon: { hours: 10 },
      contactTypes: { mail: { channel: "email", volume: { perHour: 40 }, handleTime: 480 } },
      agentGroups: { desk: { skills: { mail: 1 }, staffing: { constant: 4 } } },
    });
    const r = runScenario(s, { replications: 3 });
    for (const run of r.runs) {
      const k = run.totals.types.mail;
      expect(k.abandoned).toBe(0);
      expect(k.offered).toBe((k.answered ?? 0) + (k.inSystem ?? 0));
      expect(k.handled).toBeLessThanOrEqual(k.answered!);
      // The backlog observed at the end of the last interval is what is still waiting.
      expect(run.intervals.types.mail.inQueueAtEnd.at(-1)).toBe(k.inSystem);
    }
  });

  it("works emails only when no call waits that the agent could take", () => {
    const rows = trace({
      horizon: { hours: 4 },
      contactTypes: {
        calls: { volume: { perHour: 100 }, handleTime: 300, patience: "infinite" },
        mail: { channel: "email", volume: { perHour: 30 }, handleTime: 300 },
      },
      agentGroups: { blended: { skills: { calls: 1, mail: 1 }, staffing: { constant: 9 } } },
    });
    // Rebuild the call queue from the trace: at each email's start, no call may have been waiting.
    const calls = rows.filter((r) => r.type === "calls" && r.outcome === "answered").map((r) => ({ arrival: r.arrival, start: r.arrival + r.wait }));
    const emailStarts = rows.filter((r) => r.type === "mail" && r.outcome === "answered").map((r) => r.arrival + r.wait);
    expect(emailStarts.length).toBeGreaterThan(0);
    for (const t of emailStarts) {
      const waiting = calls.filter((c) => c.arrival < t && c.start > t);
      expect(waiting).toEqual([]);
    }
  });

  it("deflects would-be contacts without changing the arrivals that remain", () => {
    const base = oneType({ patience: "infinite" });
    const without = runScenario(scenarioOf(base), { replications: 3 });
    const withFaq = runScenario(scenarioOf({ ...base, contactTypes: { calls: { ...base.contactTypes.calls, deflection: 0.3 } } }), { replications: 3 });
    without.runs.forEach((r, i) => {
      const k = withFaq.runs[i].totals.types.calls;
      expect((k.deflected ?? 0) + (k.offered ?? 0)).toBe(r.totals.types.calls.offered);
      expect(k.deflected).toBeGreaterThan(0);
    });
  });

  it("offers nothing while closed: attempts wait for the opening hour", () => {
    const rows = trace({
      horizon: { days: 2 },
      contactTypes: {
        calls: {
          openHours: { from: "08:00", to: "18:00" },
          volume: { perHour: 30 },
          handleTime: 300,
          patience: 120,
          retrial: { afterAbandon: 1, delay: 7200 },
          resolution: { fcr: 0.5, repeatDelay: "5h" },
        },
      },
      agentGroups: { team: { skills: { calls: 1 }, staffing: { constant: 2 } } },
    });
    expect(rows.length).toBeGreaterThan(100);
    for (const r of rows) {
      const clock = r.arrival % 86400;
      expect(clock).toBeGreaterThanOrEqual(8 * 3600);
      expect(clock).toBeLessThan(18 * 3600);
    }
  });

  it("finishes the contact in progress at the end of a shift and records the overtime", () => {
    const s = scenarioOf({
      horizon: { hours: 4 },
      contactTypes: { calls: { volume: { times: [3000] }, handleTime: { dist: "deterministic", mean: 1200 } } },
      agentGroups: { team: { skills: { calls: 1 }, staffing: { shifts: [{ start: "00:00", length: "1h", days: "all", count: 1 }] } } },
    });
    const k = runScenario(s, { replications: 1 }).summary.groups.team;
    // The call starts at 50 min and lasts 20 min: 10 minutes past the end of the shift.
    expect(k.overtimeHours.mean).toBeCloseTo(600 / 3600, 12);
    expect(k.staffedHours.mean).toBeCloseTo(4200 / 3600, 12);
  });

  it("serves a higher-priority segment first, so it waits less", () => {
    const r = runScenario(
      scenarioOf({
        horizon: { hours: 8 },
        contactTypes: { calls: { volume: { perHour: 95 }, handleTime: 300, segments: { vip: { share: 0.2, priority: 1 }, std: { share: 0.8, priority: 0 } } } },
        agentGroups: { team: { skills: { calls: 1 }, staffing: { constant: 9 } } },
      }),
      { replications: 3 },
    );
    const rows = trace({
      horizon: { hours: 8 },
      contactTypes: { calls: { volume: { perHour: 95 }, handleTime: 300, segments: { vip: { share: 0.2, priority: 1 }, std: { share: 0.8, priority: 0 } } } },
      agentGroups: { team: { skills: { calls: 1 }, staffing: { constant: 9 } } },
    });
    const mean = (seg: string) => {
      const w = rows.filter((x) => x.segment === seg && x.outcome === "answered").map((x) => x.wait);
      return w.reduce((a, b) => a + b, 0) / w.length;
    };
    expect(mean("vip")).toBeLessThan(mean("std"));
    expect(r.summary.types.calls.answered.mean).toBeGreaterThan(0);
  });

  it("lets an overflow group take a contact only after it has waited the threshold", () => {
    const rows = trace({
      horizon: { hours: 6 },
      contactTypes: { calls: { volume: { perHour: 80 }, handleTime: 300 } },
      agentGroups: {
        first: { skills: { calls: 1 }, staffing: { constant: 5 } },
        backup: { skills: {}, staffing: { constant: 3 } },
      },
      routing: { overflow: [{ type: "calls", to: "backup", afterWait: 45 }] },
    });
    const byBackup = rows.filter((r) => r.group === "backup" && r.outcome === "answered");
    expect(byBackup.length).toBeGreaterThan(0);
    for (const r of byBackup) expect(r.wait).toBeGreaterThanOrEqual(45 - 1e-9);
  });

  it("replays an arrival list exactly", () => {
    const times = [10, 20, 30.5, 3600, 7200.25];
    const rows = trace({
      horizon: { hours: 3 },
      contactTypes: { calls: { volume: { times }, handleTime: 60 } },
      agentGroups: { team: { skills: { calls: 1 }, staffing: { constant: 10 } } },
    });
    expect(rows.map((r) => r.arrival).sort((a, b) => a - b)).toEqual(times);
  });

  it("reads the intraday profile on the customers' clock", () => {
    const profile = Array.from({ length: 24 }, (_, h) => (h === 10 ? 1 : 0)); // everyone calls at 10:00 local
    const offeredByHour = (utcOffsetHours: number) =>
      runScenario(
        scenarioOf({
          horizon: { days: 1 },
          intervalMinutes: 60,
          utcOffsetHours: 0,
          contactTypes: { calls: { utcOffsetHours, volume: { daily: 500, intraday: profile }, handleTime: 60 } },
          agentGroups: { team: { skills: { calls: 1 }, staffing: { constant: 20 } } },
        }),
        { replications: 1 },
      ).intervals.types.calls.offered.map((b) => b.mean ?? 0);
    expect(offeredByHour(0)[10]).toBeGreaterThan(400);
    // Customers three hours ahead call at 10:00 their time = 07:00 on the center's clock.
    expect(offeredByHour(3)[7]).toBeGreaterThan(400);
    expect(offeredByHour(3)[10]).toBe(0);
  });

  it("staffs a site's shifts on the site's clock", () => {
    const model = compileModel(
      scenarioOf({
        horizon: { days: 1 },
        utcOffsetHours: -5,
        contactTypes: { calls: { volume: { perHour: 10 }, handleTime: 60 } },
        agentGroups: { far: { site: "manila", skills: { calls: 1 }, staffing: { shifts: [{ start: "09:00", length: "2h", days: "all", count: 1 }] } } },
        sites: { manila: { type: "vendor", utcOffsetHours: 8, pricing: { per: "productiveHour", rate: 10 } } },
      }),
    );
    // 09:00 in Manila (UTC+8) is 20:00 the day before on the center's clock (UTC−5): the
    // shift that starts on day 1 in Manila is at 20:00 on day 0 here.
    const starts = model.groups[0].agents[0].map((p) => p.start);
    expect(starts).toContain(20 * 3600);
  });

  it("stops a replication that exceeds the event limit with a clear status", () => {
    const r = runScenario(scenarioOf({ ...oneType(), limits: { maxEvents: 500 } }), { replications: 1 });
    expect(r.runs[0].status).toBe("event-limit");
    expect(r.statusCounts["event-limit"]).toBe(1);
  });

  it("stops a replication whose contacts in the system exceed the cap", () => {
    const r = runScenario(
      scenarioOf({
        horizon: { hours: 12 },
        contactTypes: { calls: { volume: { perHour: 600 }, handleTime: 600 } },
        agentGroups: { team: { skills: { calls: 1 }, staffing: { constant: 2 } } },
        limits: { maxInSystem: 300 },
      }),
      { replications: 1 },
    );
    expect(r.runs[0].status).toBe("overloaded");
    expect(r.runs[0].peakInSystem).toBeGreaterThan(300);
  });

  it("counts nothing that arrived during the warm-up", () => {
    const rows = trace({ ...oneType(), warmup: "1h" });
    expect(rows.every((r) => r.arrival >= 3600)).toBe(true);
  });
});
