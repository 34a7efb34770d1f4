/**
 * The compiled model's types, groups, sites and run limits against values worked out by hand:
 * channel defaults, IVR, retrial and callback settings, routing order (skill tiers, overflow by
 * wait, a group's skills live before deferred), scheduled/night/weekend seconds per report
 * interval across midnight, a weekend and time zones, per-interval staffing patterns (daily,
 * weekly, whole horizon), shift starts across days and clocks, duty periods around breaks, seats
 * (peak scheduled at once) and the ramp-up factors of new hires.
 */
import { describe, expect, it } from "vitest";
import { breakStarts, compileModel, type RunModel } from "../../src/sim/model.js";
import { scenarioOf } from "../helpers.js";

const H = 3600;
const DAY = 86400;

/** A one-day, hourly scenario with one voice type served by one group, overridden by `extra`. */
function modelOf(extra: Record<string, unknown>): RunModel {
  return compileModel(
    scenarioOf({
      horizon: { days: 1 },
      intervalMinutes: 60,
      contactTypes: { calls: { handleTime: 100, volume: { perHour: 10 } } },
      agentGroups: { team: { skills: { calls: 1 }, staffing: { constant: 5 } } },
      ...extra,
    }),
  );
}

const one = (type: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  modelOf({ contactTypes: { calls: { handleTime: 100, volume: { perHour: 10 }, ...type } }, ...extra }).types[0];

describe("channel defaults", () => {
  it("gives chat 5 minutes' patience and the scenario's threshold, and serves it concurrently", () => {
    const t = one({ channel: "chat" }, { serviceLevel: { thresholdSeconds: 45 } });
    expect([t.channel, t.concurrent, t.deferred]).toEqual(["chat", true, false]);
    expect([t.patience!.name, t.patience!.mean]).toEqual(["exponential", 300]);
    expect(t.serviceLevelSeconds).toBe(45);
  });

  it("gives messaging 30 minutes' patience and a 15-minute threshold", () => {
    const t = one({ channel: "messaging" }, { serviceLevel: { thresholdSeconds: 45 } });
    expect([t.concurrent, t.deferred]).toEqual([true, false]);
    expect([t.patience!.name, t.patience!.mean]).toEqual(["exponential", 1800]);
    expect(t.serviceLevelSeconds).toBe(900);
  });

  it("never lets email abandon or redial, defers it, and measures it against a day", () => {
    // (The loader refuses patience and retrial for email.)
    const t = one({ channel: "email" });
    expect([t.concurrent, t.deferred, t.patience, t.retrial]).toEqual([false, true, null, null]);
    expect(t.serviceLevelSeconds).toBe(DAY);
  });

  it("waits forever on voice unless patience is given, and keeps a type's own service level", () => {
    const plain = one({}, { serviceLevel: { thresholdSeconds: 45, target: 0.7 } });
    expect([plain.concurrent, plain.deferred, plain.patience]).toEqual([false, false, null]);
    expect([plain.serviceLevelSeconds, plain.serviceLevelTarget]).toEqual([45, 0.7]);
    expect(one({ patience: "infinite" }).patience).toBeNull();
    expect(one({ patience: { dist: "exponential", mean: 90 } }).patience!.mean).toBe(90);
    const own = one({ channel: "messaging", serviceLevel: { thresholdSeconds: 120, target: 0.9 } }, { serviceLevel: { thresholdSeconds: 45, target: 0.7 } });
    expect([own.serviceLevelSeconds, own.serviceLevelTarget]).toEqual([120, 0.9]);
  });
});

describe("IVR, retrial, callback and resolution settings", () => {
  it("gives voice calls the scenario's menu, and a type's own settings on top", () => {
    const plain = one({}, { ivr: { menuTime: { dist: "deterministic", mean: 12 } } }).ivr!;
    expect([plain.menuTime.mean, plain.containment, plain.containmentByInterval, plain.containedTime, plain.failedExtra]).toEqual([12, 0, null, null, null]);
    const own = one({ ivr: { containment: 0.25, containedTime: 40, failedSelfServiceExtra: 15 } }).ivr!;
    // No scenario IVR: the default 30-second menu.
    expect([own.menuTime.name, own.menuTime.mean, own.containment, own.containmentByInterval, own.containedTime!.mean, own.failedExtra!.mean]).toEqual(["deterministic", 30, 0.25, null, 40, 15]);
    expect(one({ ivr: { menuTime: 8 } }, { ivr: { menuTime: 12 } }).ivr!.menuTime.mean).toBe(8);
  });

  it("has no IVR without one, and none for other channels", () => {
    expect(one({}).ivr).toBeNull();
    expect(one({ channel: "chat" }, { ivr: { menuTime: 12 } }).ivr).toBeNull();
  });

  it("keeps redial settings with their delay", () => {
    const r = one({ retrial: { afterBlocked: 0.4, afterAbandon: 0.6, delay: 120, maxAttempts: 2 } }).retrial!;
    expect([r.afterBlocked, r.afterAbandon, r.delay.mean, r.maxAttempts]).toEqual([0.4, 0.6, 120, 2]);
    expect(one({}).retrial).toBeNull();
  });

  it("schedules callbacks an hour later by default, keeps the place otherwise, and offers them on voice only", () => {
    const keep = one({ callback: { offerWhenWaitAbove: 60, acceptProbability: 0.3, dialTime: 25, answerProbability: 0.7, maxAttempts: 4, retryDelay: 900 } }).callback!;
    expect([keep.offerWhenWaitAbove, keep.acceptProbability, keep.scheduledDelay, keep.dialTime.mean, keep.answerProbability, keep.maxAttempts, keep.retryDelay.mean]).toEqual([60, 0.3, null, 25, 0.7, 4, 900]);
    const scheduled = one({ callback: { offerWhenWaitAbove: 60, mode: "scheduled" } }).callback!;
    expect([scheduled.scheduledDelay!.name, scheduled.scheduledDelay!.mean]).toEqual(["exponential", 3600]);
    expect(one({ callback: { offerWhenWaitAbove: 60, mode: "scheduled", scheduledDelay: 1800 } }).callback!.scheduledDelay!.mean).toBe(1800);
    expect(one({}).callback).toBeNull();
  });

  it("resolves every contact by default, and brings unresolved ones back after a day on average", () => {
    const t = one({});
    expect([t.fcr, t.repeatProbability, t.repeatDelay.name, t.repeatDelay.mean]).toEqual([1, 1, "exponential", DAY]);
    const own = one({ resolution: { fcr: 0.7, repeatProbability: 0.5, repeatDelay: 7200 } });
    expect([own.fcr, own.repeatProbability, own.repeatDelay.mean]).toEqual([0.7, 0.5, 7200]);
  });

  it("has one segment of everyone by default, and cumulative shares otherwise", () => {
    const t = one({});
    expect([Array.from(t.segmentCumShare), Array.from(t.segmentPriority), t.segmentNames]).toEqual([[1], [0], ["all"]]);
    const seg = one({ segments: { vip: { share: 0.25, priority: 2 }, rest: { share: 0.75 } } });
    expect([Array.from(seg.segmentCumShare), Array.from(seg.segmentPriority), seg.segmentNames]).toEqual([[0.25, 1], [2, 0], ["vip", "rest"]]);
  });
});

describe("routing order", () => {
  const routed = () =>
    compileModel(
      scenarioOf({
        horizon: { days: 1 },
        intervalMinutes: 60,
        contactTypes: {
          calls: { handleTime: 100, volume: { perHour: 10 } },
          chats: { channel: "chat", handleTime: 100, volume: { perHour: 10 } },
          mail: { channel: "email", handleTime: 100, volume: { perHour: 10 } },
          extra: { handleTime: 100, volume: { perHour: 10 } },
        },
        agentGroups: {
          g0: { skills: { calls: 2, extra: 1 }, staffing: { constant: 1 } },
          g1: { skills: { calls: 1 }, staffing: { constant: 1 } },
          g2: { skills: { extra: 1 }, staffing: { constant: 1 } },
          g3: { skills: { calls: 1 }, staffing: { constant: 1 } },
          team: { skills: { mail: 1, chats: 2, calls: 2 }, staffing: { constant: 1 } },
        },
        routing: {
          overflow: [
            { type: "calls", to: "g2", afterWait: 120, priority: 3 },
            { type: "extra", to: "team", afterWait: 60, priority: 1 },
            { type: "calls", to: "team", afterWait: 30 },
            { type: "calls", to: "g2", afterWait: 40 },
            { type: "extra", to: "g1", afterWait: 10, priority: 4 },
          ],
        },
      }),
    );

  it("offers a type to its groups best skill priority first, in group order within a tier", () => {
    const m = routed();
    expect(Array.from(m.types[0].primaryGroups)).toEqual([1, 3, 0, 4]);
    expect(Array.from(m.types[0].primaryPriority)).toEqual([1, 1, 2, 2]);
    expect(Array.from(m.types[3].primaryGroups)).toEqual([0, 2]);
  });

  it("keeps a type's own overflow rules, shortest wait first", () => {
    const m = routed();
    expect(m.types[0].overflow).toEqual([
      { group: 4, afterWait: 30, priority: 9 },
      { group: 2, afterWait: 40, priority: 9 },
      { group: 2, afterWait: 120, priority: 3 },
    ]);
    expect(m.types[3].overflow).toEqual([
      { group: 1, afterWait: 10, priority: 4 },
      { group: 4, afterWait: 60, priority: 1 },
    ]);
  });

  it("lists a group's skills and overflow types live before deferred, then by priority and type", () => {
    const team = routed().groups[4];
    // calls overflows to team too, but team has the skill: no second entry for it.
    expect(team.skills).toEqual([
      { type: 3, priority: 1, minWait: 60 },
      { type: 0, priority: 2, minWait: 0 },
      { type: 1, priority: 2, minWait: 0 },
      { type: 2, priority: 1, minWait: 0 },
    ]);
    expect(routed().groups[1].skills).toEqual([
      { type: 0, priority: 1, minWait: 0 },
      { type: 3, priority: 4, minWait: 10 },
    ]);
  });
});

describe("sites, vendors and run limits", () => {
  const sited = () =>
    compileModel(
      scenarioOf({
        name: "sited",
        horizon: { days: 1 },
        intervalMinutes: 60,
        serviceLevel: { thresholdSeconds: 30 },
        sites: {
          home: { type: "inhouse" },
          far: { type: "vendor", utcOffsetHours: 2, pricing: { per: "handledContact", rate: 1 }, sla: { target: 0.8, thresholdSeconds: 45 } },
          near: { type: "vendor", pricing: { per: "handledContact", rate: 1 } },
        },
        contactTypes: {
          calls: { handleTime: 100, volume: { perHour: 10 } },
          other: { handleTime: 100, volume: { perHour: 10 } },
        },
        agentGroups: {
          morning: { site: "home", skills: { calls: 1 }, staffing: { shifts: [{ start: "08:00", length: 4 * H, count: 3, days: ["mon"] }] } },
          vendor: { site: "far", skills: { other: 1 }, fcr: 0.6, staffing: { constant: 4 } },
          evening: { site: "home", skills: { calls: 1 }, staffing: { shifts: [{ start: "14:00", length: 4 * H, count: 2, days: ["mon"] }] } },
          backup: { site: "near", skills: { other: 2 }, staffing: { constant: 1 } },
        },
      }),
    );

  it("names the site all of a type's groups work at, or none", () => {
    const m = sited();
    expect(m.types.map((t) => t.soleSite)).toEqual([0, -1]);
    expect(compileModel(scenarioOf({ ...baseOf(), agentGroups: { v: { site: "far", skills: { calls: 1 }, staffing: { constant: 1 } } } })).types[0].soleSite).toBe(1);
  });

  it("measures a vendor's answers against its SLA threshold, the rest against the scenario's", () => {
    const m = sited();
    expect(m.groups.map((g) => g.slaThreshold)).toEqual([30, 45, 30, 30]);
    expect(m.groups.map((g) => g.fcr)).toEqual([null, 0.6, null, null]);
    expect(m.groups.map((g) => g.site)).toEqual([0, 1, 0, 2]);
  });

  it("counts seats as the most agents of a site scheduled at once", () => {
    const m = sited();
    // Morning (3) and evening (2) never overlap: 3 seats at home, not 5.
    expect(m.sites.map((s) => s.peakScheduled)).toEqual([3, 4, 1]);
    expect(m.sites.map((s) => s.clockShift)).toEqual([0, 2 * H, 0]);
    expect(m.groups.map((g) => g.peakScheduled)).toEqual([3, 4, 2, 1]);
  });

  it("defaults the name, arrival cap, trunk lines and IVR ports, and the event limit from the expected arrivals", () => {
    const m = compileModel(scenarioOf(baseOf()));
    expect([m.name, m.maxArrivals, m.trunkLines, m.ivrPorts]).toEqual(["scenario", Infinity, Infinity, Infinity]);
    // 3 + 2 replayed arrivals: 1,000 events each plus 10 million.
    expect(m.maxEvents).toBe(10_005_000);
    const capped = compileModel(scenarioOf({ ...baseOf(), name: "capped", horizon: { days: 1, maxArrivals: 2 }, trunks: { lines: 7 }, ivr: { ports: 3 } }));
    expect([capped.name, capped.maxArrivals, capped.trunkLines, capped.ivrPorts, capped.maxEvents]).toEqual(["capped", 2, 7, 3, 10_002_000]);
    expect(compileModel(scenarioOf({ ...baseOf(), limits: { maxEvents: 1234 } })).maxEvents).toBe(1234);
  });
});

function baseOf(): Record<string, unknown> {
  return {
    horizon: { days: 1 },
    intervalMinutes: 60,
    sites: { home: { type: "inhouse" }, far: { type: "vendor", pricing: { per: "handledContact", rate: 1 } } },
    contactTypes: {
      calls: { handleTime: 100, volume: { times: [10, 20, 30] } },
      other: { handleTime: 100, volume: { times: [40, 50] } },
    },
    agentGroups: { team: { site: "home", skills: { calls: 1, other: 1 }, staffing: { constant: 1 } } },
  };
}

/** One group's compiled model on a scenario starting on `startDay`, with the group's site and staffing. */
function groupOf(site: Record<string, unknown>, staffing: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  return compileModel(
    scenarioOf({
      horizon: { days: 2 },
      intervalMinutes: 60,
      startDay: "fri",
      sites: { s: site },
      contactTypes: { calls: { handleTime: 100, volume: { perHour: 10 } } },
      agentGroups: { team: { site: "s", skills: { calls: 1 }, staffing } },
      ...extra,
    }),
  ).groups[0];
}

describe("scheduled, night and weekend seconds per report interval", () => {
  const overnight = { shifts: [{ start: "20:00", length: 8 * H, count: 2, days: ["fri"] }] };

  it("splits a Friday night shift at the night window, midnight and the weekend", () => {
    // 20:00–04:00 Friday into Saturday, 2 agents, night 22:00–06:00, 6-hour report intervals.
    const g = groupOf({ type: "inhouse", premiums: { nightFrom: "22:00", nightTo: "06:00" } }, overnight, { reportIntervalMinutes: 360 });
    expect(Array.from(g.scheduledSeconds)).toEqual([0, 0, 0, 4 * H * 2, 4 * H * 2, 0, 0, 0]);
    expect(Array.from(g.nightSeconds)).toEqual([0, 0, 0, 2 * H * 2, 4 * H * 2, 0, 0, 0]);
    expect(Array.from(g.weekendSeconds)).toEqual([0, 0, 0, 0, 4 * H * 2, 0, 0, 0]);
  });

  it("reads the night window and the weekend on the site's clock", () => {
    // Site 3 hours ahead: its 20:00 Friday is the center's 17:00; its night (22–06) is the
    // center's 19:00–03:00, its Saturday starts at the center's 21:00.
    const g = groupOf({ type: "inhouse", utcOffsetHours: 3, premiums: { nightFrom: "22:00", nightTo: "06:00" } }, overnight, { reportIntervalMinutes: 360 });
    expect(Array.from(g.scheduledSeconds)).toEqual([0, 0, 1 * H * 2, 6 * H * 2, 1 * H * 2, 0, 0, 0]);
    expect(Array.from(g.nightSeconds)).toEqual([0, 0, 0, 5 * H * 2, 1 * H * 2, 0, 0, 0]);
    expect(Array.from(g.weekendSeconds)).toEqual([0, 0, 0, 3 * H * 2, 1 * H * 2, 0, 0, 0]);
  });

  it("uses the default night window 21:00–07:00, a window within one day, and counts from the warm-up", () => {
    const byDefault = groupOf({ type: "inhouse" }, overnight, { reportIntervalMinutes: 360 });
    expect(Array.from(byDefault.nightSeconds)).toEqual([0, 0, 0, 3 * H * 2, 4 * H * 2, 0, 0, 0]);
    // Night 01:00–05:00 (from before to): 20:00–04:00 has 3 night hours, all on Saturday.
    const inDay = groupOf({ type: "inhouse", premiums: { nightFrom: "01:00", nightTo: "05:00" } }, overnight, { reportIntervalMinutes: 360 });
    expect(Array.from(inDay.nightSeconds)).toEqual([0, 0, 0, 0, 3 * H * 2, 0, 0, 0]);
    const warm = groupOf({ type: "inhouse" }, overnight, { reportIntervalMinutes: 360, warmup: 22 * H });
    expect(Array.from(warm.scheduledSeconds)).toEqual([0, 0, 0, 2 * H * 2, 4 * H * 2, 0, 0, 0]);
  });

  it("has no night hours at a vendor, but its weekend hours", () => {
    const g = groupOf({ type: "vendor", pricing: { per: "handledContact", rate: 1 } }, overnight, { reportIntervalMinutes: 360 });
    expect(Array.from(g.nightSeconds)).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
    expect(Array.from(g.weekendSeconds)).toEqual([0, 0, 0, 0, 4 * H * 2, 0, 0, 0]);
  });
});

describe("per-interval staffing patterns", () => {
  const hourly = (g: { scheduledSeconds: Float64Array }) => Array.from(g.scheduledSeconds, (x) => x / H);
  const day = Array.from({ length: 24 }, (_, h) => h + 1);
  const week = Array.from({ length: 7 * 24 }, (_, i) => i);

  it("repeats a one-day pattern daily on the site's clock", () => {
    const plain = groupOf({ type: "inhouse" }, { perInterval: day });
    expect(hourly(plain)).toEqual([...day, ...day]);
    // Site 2 hours behind: the center's hour i is the site's hour i − 2.
    const behind = groupOf({ type: "inhouse", utcOffsetHours: -2 }, { perInterval: day });
    expect(hourly(behind)).toEqual(Array.from({ length: 48 }, (_, i) => day[(i + 22) % 24]));
  });

  it("repeats a one-week pattern from the start day, Monday first", () => {
    // Friday is day 4 of the week: hours 96.. of the pattern.
    expect(hourly(groupOf({ type: "inhouse" }, { perInterval: week }))).toEqual(Array.from({ length: 48 }, (_, i) => 96 + i));
    // Site 3 hours ahead: Friday 03:00 at time 0.
    expect(hourly(groupOf({ type: "inhouse", utcOffsetHours: 3 }, { perInterval: week }))).toEqual(Array.from({ length: 48 }, (_, i) => 99 + i));
  });

  it("reads a pattern over the whole horizon from time 0, whatever the clock", () => {
    const horizon = Array.from({ length: 48 }, (_, i) => (i * 7) % 11);
    expect(hourly(groupOf({ type: "inhouse", utcOffsetHours: 3 }, { perInterval: horizon }))).toEqual(horizon);
  });
});

describe("shift starts over the days and clocks", () => {
  const hourly = (g: { scheduledSeconds: Float64Array }) => Array.from(g.scheduledSeconds, (x) => x / H);

  it("works only the shift's days, counted from the start day", () => {
    // Friday start: Friday and Saturday; a Saturday-only shift works the second day.
    const g = groupOf({ type: "inhouse" }, { shifts: [{ start: "09:00", length: 2 * H, count: 1, days: ["sat"] }] });
    expect(hourly(g)).toEqual(Array.from({ length: 48 }, (_, i) => (i === 33 || i === 34 ? 1 : 0)));
  });

  it("brings in the day before's long shift when the site is ahead", () => {
    // Site 10 hours ahead, 20:00 for 16 hours: Thursday's shift runs to the center's 02:00 Friday.
    const g = groupOf({ type: "inhouse", utcOffsetHours: 10 }, { shifts: [{ start: "20:00", length: 16 * H, count: 1, days: ["thu"] }] });
    expect(hourly(g)).toEqual(Array.from({ length: 48 }, (_, i) => (i < 2 ? 1 : 0)));
  });

  it("finds the site's next-day start within a short horizon when the site is far ahead", () => {
    // Site 14 hours ahead, 11-hour horizon: the site's Saturday 00:00 is the center's 10:00 Friday.
    const g = groupOf({ type: "inhouse", utcOffsetHours: 14 }, { shifts: [{ start: "00:00", length: 4 * H, count: 1, days: ["sat"] }] }, { horizon: { hours: 11 } });
    expect(hourly(g)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
  });

  it("counts seats at the most agents at once, ends before starts at the same time", () => {
    const g = groupOf({ type: "inhouse" }, {
      shifts: [
        { start: "08:00", length: 8 * H, count: 3, days: ["fri"] },
        { start: "12:00", length: 8 * H, count: 2, days: ["fri"] },
        { start: "16:00", length: 6 * H, count: 4, days: ["fri"] },
      ],
    });
    // 3, then 5 from 12:00, then 2 + 4 = 6 from 16:00 (the first shift has left).
    expect(g.peakScheduled).toBe(6);
  });
});

describe("duty periods around breaks", () => {
  const periods = (shifts: unknown[]) => groupOf({ type: "inhouse" }, { shifts }, { horizon: { days: 1 } }).agents.map((a) => a.map((p) => [p.start / H, p.end / H, p.endsShift]));

  it("does not end a shift where a break starts as another shift begins", () => {
    // 2 agents 08–12 with a break 10–11; 1 agent starts at 10: the level goes 2, 1, 3, 0.
    const a = periods([
      { start: "08:00", length: 4 * H, count: 2, days: ["fri"], breaks: [{ after: 2 * H, length: H }] },
      { start: "10:00", length: 2 * H, count: 1, days: ["fri"] },
    ]);
    expect(a).toEqual([[[8, 12, true]], [[8, 10, false], [11, 12, true]], [[11, 12, true]]]);
  });

  it("does not end a shift where a break ends as another break starts", () => {
    // 2 agents on break 09–10, 3 others on break 10–11: the level goes 5, 3, 2, 5, 0.
    const a = periods([
      { start: "08:00", length: 4 * H, count: 2, days: ["fri"], breaks: [{ after: H, length: H }] },
      { start: "08:00", length: 4 * H, count: 3, days: ["fri"], breaks: [{ after: 2 * H, length: H }] },
    ]);
    expect(a).toEqual([[[8, 12, true]], [[8, 12, true]], [[8, 10, false], [11, 12, true]], [[8, 9, false], [11, 12, true]], [[8, 9, false], [11, 12, true]]]);
  });

  it("staggers a break over its window, one agent at a time, and starts it together without one", () => {
    expect(breakStarts({ count: 4 }, { after: H, length: 900, window: 1200 })).toEqual([[3600, 1], [3900, 1], [4200, 1], [4500, 1]]);
    expect(breakStarts({ count: 3 }, { after: H, length: 900, window: 0 })).toEqual([[3600, 3]]);
    expect(breakStarts({ count: 3 }, { after: H, length: 900 })).toEqual([[3600, 3]]);
    expect(breakStarts({ count: 1 }, { after: H, length: 900, window: 600 })).toEqual([[3600, 1]]);
  });
});

describe("ramp-up of new hires", () => {
  it("slows the steady-state share of new hires, spread evenly over the agents", () => {
    // Attrition 0.5 a year, 26 weeks of ramp-up: a quarter of the agents, every fourth one.
    const g = groupOf({ type: "inhouse", hiring: { attritionPerYear: 0.5, rampWeeks: 26, rampHandleTimeFactor: 2 } }, { constant: 8 });
    expect(Array.from(g.agentHandleFactors)).toEqual([1, 1, 1, 2, 1, 1, 1, 2]);
  });

  it("multiplies the group's own factor, and slows everyone when the share reaches 1", () => {
    const site = { type: "inhouse", hiring: { attritionPerYear: 2, rampWeeks: 39, rampHandleTimeFactor: 1.5 } };
    const m = compileModel(
      scenarioOf({
        horizon: { days: 1 },
        intervalMinutes: 60,
        sites: { s: site },
        contactTypes: { calls: { handleTime: 100, volume: { perHour: 10 } } },
        agentGroups: { team: { site: "s", skills: { calls: 1 }, handleTimeFactor: 2, staffing: { constant: 3 } } },
      }),
    );
    expect(Array.from(m.groups[0].agentHandleFactors)).toEqual([3, 3, 3]);
  });

  it("leaves tenured speed when nobody is in ramp-up, the ramp factor is 1, or at a vendor", () => {
    const flat = (site: Record<string, unknown>) => Array.from(groupOf(site, { constant: 4 }).agentHandleFactors);
    expect(flat({ type: "inhouse", hiring: { attritionPerYear: 0, rampWeeks: 26, rampHandleTimeFactor: 2 } })).toEqual([1, 1, 1, 1]);
    expect(flat({ type: "inhouse", hiring: { attritionPerYear: 0.5, rampWeeks: 26, rampHandleTimeFactor: 1 } })).toEqual([1, 1, 1, 1]);
    expect(flat({ type: "vendor", pricing: { per: "handledContact", rate: 1 } })).toEqual([1, 1, 1, 1]);
  });
});

describe("elastic staffing in the compiled model", () => {
  /** Erlang C's fewest agents for 80% within 20 s at `a` Erlangs and `aht` seconds (a plain reference). */
  function erlangCAgents(a: number, aht: number): number {
    for (let n = Math.floor(a) + 1; ; n++) {
      let b = 1;
      for (let k = 1; k <= n; k++) b = (a * b) / (k + a * b);
      const c = b / (1 - (a / n) * (1 - b));
      if (1 - c * Math.exp((-(n - a) * 20) / aht) >= 0.8) return n;
    }
  }

  it("schedules a vendor's agents per interval for its load, and counts them as its seats", () => {
    const m = compileModel(
      scenarioOf({
        horizon: { hours: 3 },
        intervalMinutes: 60,
        sites: { v: { type: "vendor", pricing: { per: "handledContact", rate: 1 } } },
        contactTypes: { calls: { handleTime: { dist: "exponential", mean: 100 }, volume: { daily: 24 * 360, intraday: [1, 2, 3, ...Array(21).fill(1)] } } },
        agentGroups: { team: { site: "v", skills: { calls: 1 }, staffing: { elastic: { serviceLevel: 0.8, thresholdSeconds: 20, model: "erlangC" } } } },
      }),
    );
    // Hour h carries weight w of 27 (1 + 2 + 3 + 21 × 1): w × 24 × 360 / 27 calls of 100 s.
    const needed = [1, 2, 3].map((w) => erlangCAgents((w * 24 * 360 * 100) / 27 / H, 100));
    expect(Array.from(m.groups[0].scheduledSeconds, (x) => x / H)).toEqual(needed);
    expect(m.groups[0].agents.length).toBe(needed[2]);
    expect([m.groups[0].peakScheduled, m.sites[0].peakScheduled]).toEqual([needed[2], needed[2]]);
  });
});

describe("profiles and rates on the customers' clock with the center off UTC", () => {
  it("reads handle-time factors by the customers' offset from the center, not from UTC", () => {
    const weights = Array.from({ length: 24 }, (_, h) => h + 1);
    // Center UTC+1, customers UTC+4: 3 hours ahead of the center.
    const t = modelOf({ utcOffsetHours: 1, contactTypes: { calls: { handleTime: 100, volume: { perHour: 10 }, utcOffsetHours: 4, handleTimeByInterval: weights } } }).types[0];
    expect(Array.from(t.handleFactorByInterval!)).toEqual(Array.from({ length: 24 }, (_, i) => weights[(i + 3) % 24]));
  });

  it("spreads the daily volume evenly when the intraday profile is all zeros", () => {
    const t = modelOf({ contactTypes: { calls: { handleTime: 100, volume: { daily: 2400, intraday: Array(24).fill(0) } } } }).types[0];
    for (const r of t.arrivals.ratePerInterval) expect(r).toBeCloseTo(100 / H, 12);
  });
});

describe("elastic vendors below planned and elastic groups", () => {
  const plan = (m: RunModel, g: number) => Array.from(m.groups[g].scheduledSeconds, (x) => x / H);
  const vendor = { type: "vendor", pricing: { per: "handledContact", rate: 1 } };
  /** In-house `team` first for calls, an elastic vendor taking its overflow after 20 s. */
  const overflowed = (team: Record<string, unknown>) =>
    compileModel(
      scenarioOf({
        horizon: { hours: 3 },
        intervalMinutes: 60,
        sites: { home: { type: "inhouse" }, v: vendor },
        contactTypes: { calls: { handleTime: { dist: "exponential", mean: 100 }, volume: { perHour: 360 } } },
        agentGroups: { team: { site: "home", skills: { calls: 1 }, ...team }, out: { site: "v", skills: {}, staffing: { elastic: { model: "erlangC" } } } },
        routing: { overflow: [{ type: "calls", to: "out", afterWait: 20 }] },
      }),
    );

  it("forecasts the overflow from the planned group's productive agents per interval, part-interval shifts pro rata", () => {
    // 12, 20, 20 productive agents per hour, three ways: 40 × (1 − 0.5) from 00:24 (0.6 of the
    // first hour), 24/40/40 × (1 − 0.5), and 12/20/20 with no shrinkage.
    const shifted = plan(overflowed({ shrinkage: 0.5, staffing: { shifts: [{ start: "00:24", length: 3 * H - 24 * 60, count: 40 }] } }), 1);
    expect(plan(overflowed({ shrinkage: 0.5, staffing: { perInterval: [24, 40, 40] } }), 1)).toEqual(shifted);
    expect(plan(overflowed({ staffing: { perInterval: [12, 20, 20] } }), 1)).toEqual(shifted);
    // Fewer planned agents in the first hour send the vendor more calls there (the test can fail).
    const more = plan(overflowed({ staffing: { perInterval: [20, 20, 20] } }), 1);
    expect(shifted[0]).toBeGreaterThan(more[0]);
    expect(shifted.slice(1)).toEqual(more.slice(1));
  });

  it("forecasts a lower tier below an elastic vendor from that vendor's own staffing", () => {
    const tiers = (first: Record<string, unknown>) =>
      compileModel(
        scenarioOf({
          horizon: { hours: 3 },
          intervalMinutes: 60,
          sites: { v: vendor },
          contactTypes: { calls: { handleTime: { dist: "exponential", mean: 100 }, volume: { daily: 24 * 360, intraday: [1, 2, 3, ...Array(21).fill(1)] } } },
          agentGroups: { first: { site: "v", skills: { calls: 1 }, shrinkage: 0.5, ...first }, second: { site: "v", skills: { calls: 2 }, staffing: { elastic: { model: "erlangC" } } } },
        }),
      );
    const elastic = tiers({ staffing: { elastic: { model: "erlangC" } } });
    const firstPlan = plan(elastic, 0);
    // The same first tier, planned as fixed staffing: the second tier's forecast is the same.
    expect(plan(tiers({ staffing: { perInterval: [...firstPlan, ...Array(21).fill(0)] } }), 1)).toEqual(plan(elastic, 1));
    expect(plan(elastic, 1).some((n) => n > 0)).toBe(true);
  });
});

describe("edges of seats, night windows, opening spans and overflow forecasts", () => {
  it("ends a shift before another starts at the same time, whatever order the shifts are given in", () => {
    const g = groupOf({ type: "inhouse" }, {
      shifts: [
        { start: "16:00", length: 6 * H, count: 4, days: ["fri"] },
        { start: "12:00", length: 8 * H, count: 2, days: ["fri"] },
        { start: "08:00", length: 8 * H, count: 3, days: ["fri"] },
      ],
    });
    expect(g.peakScheduled).toBe(6);
  });

  it("counts the hour from the end of a night window within a day as day time", () => {
    // Night 01:00–05:00; 20:00 Friday to 06:00 Saturday: night 01–05, day 05–06.
    const g = groupOf({ type: "inhouse", premiums: { nightFrom: "01:00", nightTo: "05:00" } }, { shifts: [{ start: "20:00", length: 10 * H, count: 1, days: ["fri"] }] });
    expect(Array.from(g.nightSeconds, (x) => x / H)).toEqual(Array.from({ length: 48 }, (_, i) => (i >= 25 && i < 29 ? 1 : 0)));
  });

  it("counts the hour from the end of an overnight window as day time", () => {
    // Default night 21:00–07:00; 20:00 Friday to 08:00 Saturday: night 21–07, day 20–21 and 07–08.
    const g = groupOf({ type: "inhouse" }, { shifts: [{ start: "20:00", length: 12 * H, count: 1, days: ["fri"] }] });
    expect(Array.from(g.nightSeconds, (x) => x / H)).toEqual(Array.from({ length: 48 }, (_, i) => (i >= 21 && i < 31 ? 1 : 0)));
  });

  it("adds no empty span for a window that ends exactly at time 0", () => {
    const t = modelOf({ horizon: { hours: 44 }, contactTypes: { calls: { handleTime: 100, volume: { perHour: 10 }, openHours: [{ from: "20:00", to: "24:00" }] } } }).types[0];
    expect(Array.from(t.openSpans!)).toEqual([20 * H, 24 * H]);
  });

  it("forecasts an elastic vendor's load from its own overflow rules only", () => {
    const vendor = { type: "vendor", pricing: { per: "handledContact", rate: 1 } };
    const staffed = (rules: unknown[]) =>
      compileModel(
        scenarioOf({
          horizon: { hours: 2 },
          intervalMinutes: 60,
          sites: { home: { type: "inhouse" }, v: vendor },
          contactTypes: { calls: { handleTime: { dist: "exponential", mean: 100 }, volume: { perHour: 360 } } },
          agentGroups: {
            team: { site: "home", skills: { calls: 1 }, staffing: { constant: 11 } },
            spare: { site: "home", skills: {}, staffing: { constant: 1 } },
            out: { site: "v", skills: {}, staffing: { elastic: { model: "erlangC" } } },
          },
          routing: { overflow: rules },
        }),
      ).groups[2].scheduledSeconds;
    const own = { type: "calls", to: "out", afterWait: 20 };
    // A rule that sends calls to another group brings the vendor nothing, listed before its own or after.
    expect(Array.from(staffed([{ type: "calls", to: "spare", afterWait: 5 }, own]))).toEqual(Array.from(staffed([own])));
    expect(Array.from(staffed([own, { type: "calls", to: "spare", afterWait: 5 }]))).toEqual(Array.from(staffed([own])));
    expect(staffed([own])[0]).toBeGreaterThan(0);
  });

  it("reads a site offset that is no whole number of seconds to the nearest second, so its midnights split the day exactly", () => {
    // −6/7 hours is −3085.71… s: the site's clock runs 3086 s behind the center's, so its
    // Saturday is the center's [89486, 175886) and its Monday starts at the center's 262286.
    // Unrounded, the center time of the site's Monday midnight plus the shift fell a rounding
    // error short of that midnight, and the rest of the hour after it was counted as Sunday.
    const g = groupOf({ type: "inhouse", utcOffsetHours: -0.8571428571428571 }, { constant: 1 }, { horizon: { days: 4 }, reportIntervalMinutes: 1440 });
    expect(Array.from(g.scheduledSeconds)).toEqual([DAY, DAY, DAY, DAY]);
    expect(Array.from(g.weekendSeconds)).toEqual([0, 172800 - 89486, DAY, 262286 - 3 * DAY]);
    // Night 21:00–07:00 on the site's clock: 10 hours of every 24, whatever the day's offset.
    expect(Array.from(g.nightSeconds)).toEqual([10 * H, 10 * H, 10 * H, 10 * H]);
  });
});
