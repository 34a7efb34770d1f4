/**
 * The scenario schema: the single source of truth for what a scenario file may say.
 *
 * The TypeScript types (`ScenarioInput`, `Scenario`) and the JSON Schema for editors
 * (`npm run schema` → schema/scenario.schema.json) are both derived from these zod
 * definitions; descriptions here become editor tooltips and docs. Units: durations in seconds
 * unless given as a string with a unit ("90s", "5m", "2h", "1d"); probabilities in [0, 1];
 * money in the scenario's currency.
 *
 * Cross-field rules (references between sections, lengths that depend on the interval,
 * channel-specific settings) are checked in `validate.ts`, once the shape is known to be right.
 */
import { z } from "zod";
import { DAYS } from "./basics.js";
import { DURATION_PATTERN, DURATION_UNITS_TEXT, parseDuration } from "./units.js";

export { DAYS, sitesOf } from "./basics.js";

export { parseDuration } from "./units.js";

/** A non-negative duration: seconds as a number, or a string with a unit ("90s", "5m", "2h", "1d"). */
export const duration = z
  .union([
    z.number().min(0),
    z.string().regex(DURATION_PATTERN, `expected a duration such as 90 (seconds), "90s", "5 min", "2 hours", "1h30m" or "1.5 days" (units: ${DURATION_UNITS_TEXT})`),
  ])
  .transform((v) => parseDuration(v)!)
  .meta({ description: `Seconds, or a text with units: "90s", "5 min", "2 hours", "1h30m", "1.5 days" (units: ${DURATION_UNITS_TEXT}).` });

/** A duration that must be > 0 (a mean time). */
const positiveDuration = duration.refine((v) => v > 0, "expected a duration greater than 0");

const probability = z.number().min(0).max(1);
// zod 4 numbers are finite: Infinity and NaN are rejected by z.number() itself.
const positive = z.number().gt(0);
const nonNegative = z.number().min(0);
/** Agents, lines or ports: a whole number (up to 100,000 — far beyond any real center). */
const count = z.number().int().min(0).max(100_000);
/** Names of contact types, groups, sites and segments: they become CSV values and YAML keys. */
export const NAME_PATTERN = /^[A-Za-z][A-Za-z0-9_-]*$/;
const name = z.string().regex(NAME_PATTERN, "expected a name of letters, digits, '_' or '-', starting with a letter");
const money = z.number().min(0).max(1e12).meta({ description: "An amount of money in the scenario's currency." });

// ---- distributions ------------------------------------------------------------------------

const exponential = z.strictObject({ dist: z.literal("exponential"), mean: positiveDuration });
const deterministic = z.strictObject({ dist: z.literal("deterministic"), mean: duration });
const uniform = z
  .strictObject({ dist: z.literal("uniform"), min: duration, max: duration })
  .refine((d) => d.min <= d.max, { message: "expected min <= max", path: ["max"] });
const triangular = z
  .strictObject({ dist: z.literal("triangular"), min: duration, mode: duration, max: duration })
  .refine((d) => d.min <= d.mode && d.mode <= d.max, { message: "expected min <= mode <= max", path: ["mode"] });
/**
 * Distributions that fitting tools describe by other parameters than mean and shape accept
 * either set: exactly one of the alternatives must be complete, and keys of two sets never mix.
 */
function oneParameterSet(sets: readonly (readonly string[])[]) {
  return (d: Record<string, unknown>, ctx: z.core.$RefinementCtx<Record<string, unknown>>) => {
    const given = sets.filter((set) => set.some((k) => d[k] !== undefined && !sets.some((other) => other !== set && other.includes(k))));
    const complete = sets.filter((set) => set.every((k) => d[k] !== undefined));
    const names = sets.map((set) => set.join(" and ")).join(", or ");
    if (given.length > 1) {
      ctx.addIssue({ code: "custom", message: `expected one way of giving the parameters: ${names}, not a mix`, path: [given[1].find((k) => d[k] !== undefined)!] });
      return;
    }
    if (complete.length === 0) {
      const set = given[0] ?? sets[0];
      const missing = set.find((k) => d[k] === undefined)!;
      // Reported as a missing key (the loader says which key, where to add it); the mix rule above names the alternatives.
      ctx.addIssue({ code: "invalid_type", expected: "number", input: undefined, message: `expected ${names}`, path: [missing] });
    }
  };
}

const lognormal = z
  .strictObject({
    dist: z.literal("lognormal"),
    mean: positiveDuration.optional(),
    cv: z.number().min(0).max(20).optional().meta({ description: "Coefficient of variation: standard deviation / mean." }),
    mu: z.number().min(-50).max(50).optional().meta({ description: "Mean of the log of the duration in seconds (what fitting tools call mu or meanlog); with sigma, instead of mean and cv." }),
    sigma: z.number().min(0).max(10).optional().meta({ description: "Standard deviation of the log of the duration (sdlog); with mu." }),
  })
  .superRefine(oneParameterSet([["mean", "cv"], ["mu", "sigma"]]));
const gamma = z
  .strictObject({
    dist: z.literal("gamma"),
    mean: positiveDuration.optional(),
    cv: z.number().gt(0).max(20).optional().meta({ description: "Coefficient of variation: standard deviation / mean; with mean, instead of shape and scale." }),
    shape: z.number().gt(0).max(1e6).optional().meta({ description: "Shape k (alpha); with scale, instead of mean and cv." }),
    scale: positiveDuration.optional().meta({ description: "Scale theta in seconds (1 / rate); with shape." }),
  })
  .superRefine(oneParameterSet([["mean", "cv"], ["shape", "scale"]]));
const weibull = z
  .strictObject({
    dist: z.literal("weibull"),
    mean: positiveDuration.optional(),
    shape: z.number().min(0.05).max(50).meta({ description: "Weibull shape k: 1 is exponential, below 1 a long tail, above 1 more regular." }),
    scale: positiveDuration.optional().meta({ description: "Scale lambda in seconds; with shape, instead of mean." }),
  })
  .superRefine(oneParameterSet([["mean", "shape"], ["scale", "shape"]]));
const erlang = z.strictObject({ dist: z.literal("erlang"), mean: positiveDuration, k: z.number().int().min(1).max(1000).meta({ description: "Number of exponential phases: the coefficient of variation is 1/sqrt(k)." }) });
const empirical = z
  .strictObject({
    dist: z.literal("empirical"),
    values: z.array(nonNegative).min(1).optional().meta({ description: "Observed durations in seconds, resampled uniformly." }),
    csv: z.string().min(1).optional().meta({
      description: "CSV file (relative to the scenario file) of observed durations in seconds: the column `column`, or the first numeric column.",
    }),
    column: z.string().min(1).optional().meta({ description: "With csv: the column to read." }),
  })
  .refine((d) => (d.values === undefined) !== (d.csv === undefined), { message: "expected exactly one of values or csv" });

const survival = z
  .strictObject({
    dist: z.literal("survival"),
    times: z.array(duration).min(2).meta({ description: "Increasing durations (seconds or with units) at which the survival is known." }),
    survival: z.array(probability).min(2).meta({
      description: "P(duration > time) at each of `times`: starts at 1, never increases (a Kaplan–Meier estimate, for example).",
    }),
    interpolation: z.enum(["linear", "step"]).default("linear").meta({
      description: "linear: the curve is joined by straight lines (a continuous duration); step: it drops at each time (the durations are the times, as a Kaplan–Meier estimate is).",
    }),
  })
  .superRefine((d, ctx) => {
    if (d.times.length !== d.survival.length) {
      ctx.addIssue({ code: "custom", message: `expected as many survival values as times (${d.times.length})`, path: ["survival"] });
      return;
    }
    for (let i = 1; i < d.times.length; i++) {
      if (!(d.times[i] > d.times[i - 1])) ctx.addIssue({ code: "custom", message: `expected times in increasing order (after ${d.times[i - 1]} s)`, path: ["times", i] });
    }
    if (d.survival[0] !== 1) ctx.addIssue({ code: "custom", message: "expected the survival curve to start at 1", path: ["survival", 0] });
    for (let i = 1; i < d.survival.length; i++) {
      if (d.survival[i] > d.survival[i - 1]) ctx.addIssue({ code: "custom", message: `expected a survival that never increases (at most ${d.survival[i - 1]})`, path: ["survival", i] });
    }
    if (d.survival[d.survival.length - 1] === 1) {
      ctx.addIssue({ code: "custom", message: "expected the survival to fall below 1 somewhere (else the duration is never reached)", path: ["survival", d.survival.length - 1] });
    }
  });

export const DISTRIBUTION_NAMES = ["exponential", "deterministic", "uniform", "triangular", "lognormal", "gamma", "weibull", "erlang", "empirical", "survival"] as const;

/** A duration distribution given by its mean and shape. A bare number or duration is an exponential with that mean. */
export const distribution = z
  .union([
    positiveDuration,
    z.discriminatedUnion("dist", [exponential, deterministic, uniform, triangular, lognormal, gamma, weibull, erlang, empirical, survival]),
  ])
  .transform((d) => (typeof d === "number" ? { dist: "exponential" as const, mean: d } : d))
  .meta({ description: 'Durations: a number of seconds or a duration like "5m" (exponential with that mean), or {dist: exponential|deterministic|uniform|triangular|lognormal|gamma|weibull|erlang|empirical|survival, ...}; times in it may have units. Lognormal takes mean and cv or mu and sigma (of the log); gamma mean and cv or shape and scale; weibull mean or scale, with shape.' });

// ---- calendar -------------------------------------------------------------------------------

const day = z.enum(DAYS);
const dayList = z
  .union([z.enum(["all", "weekdays", "weekend"]), z.array(day).min(1)])
  .transform((d): DayName[] =>
    d === "all" ? [...DAYS] : d === "weekdays" ? ["mon", "tue", "wed", "thu", "fri"] : d === "weekend" ? ["sat", "sun"] : d,
  )
  .meta({ description: 'Days of the week: "all", "weekdays", "weekend" or a list such as [mon, wed].' });
const clockTime = z
  .string()
  .regex(/^([01]?\d|2[0-3]):[0-5]\d$/, 'expected a time of day "HH:MM"')
  .transform((s) => {
    const [h, m] = s.split(":").map(Number);
    return h * 3600 + m * 60;
  });
const clockTimeOrMidnight = z
  .string()
  .regex(/^(([01]?\d|2[0-3]):[0-5]\d|24:00)$/, 'expected a time of day "HH:MM" (24:00 for midnight at the end of the day)')
  .transform((s) => {
    const [h, m] = s.split(":").map(Number);
    return h * 3600 + m * 60;
  });
const openWindow = z
  .strictObject({
    days: dayList.default([...DAYS]),
    from: clockTime.meta({ description: 'Opening time "HH:MM" on the center\'s clock.' }),
    to: clockTimeOrMidnight.meta({ description: 'Closing time "HH:MM" ("24:00" for midnight); before `from` means the window runs past midnight.' }),
  })
  .refine((w) => w.from !== w.to, { message: "expected a window that is open for some time (from differs from to)", path: ["to"] });
const utcOffset = z.number().min(-12).max(14).meta({ description: "Hours from UTC (e.g. 1 for CET, -5 for EST, 5.5 for IST)." });

// ---- contact types --------------------------------------------------------------------------

export const CHANNELS = ["voice", "chat", "messaging", "email"] as const;

const volume = z
  .strictObject({
    daily: z.number().min(0).max(1e8).optional().meta({ description: "Contacts per day (before day-of-week factors), spread over the day by `intraday`." }),
    perHour: z.number().min(0).max(1e7).optional().meta({ description: "Constant contacts per hour, around the clock; shorthand for a flat profile." }),
    intraday: z.array(nonNegative).min(1).optional().meta({
      description: "Relative weights per interval of the customers' day (one per intervalMinutes: 48 for 30 minutes); normalised to sum 1. Default: flat.",
    }),
    dayOfWeek: z.array(z.number().min(0).max(100)).length(7).optional().meta({ description: "Factors Monday..Sunday multiplying the daily volume. Default: all 1." }),
    overdispersion: z.number().min(0).max(5).default(0).meta({
      description: "Coefficient of variation of a gamma-distributed busyness factor drawn per day (0 = plain Poisson): forecast error.",
    }),
    replay: z.string().min(1).optional().meta({
      description: "CSV file of arrival times to replay instead of generating them: a column `time` (seconds from the start), and optionally `type` (rows of other types are skipped).",
    }),
    times: z.array(nonNegative).optional().meta({ description: "Arrival times (seconds from the start) to replay." }),
  })
  .meta({ description: "Arrival volume: give exactly one of daily, perHour, replay or times." });

const ivrForType = z.strictObject({
  containment: z.union([probability, z.array(probability).min(1)]).default(0).meta({
    description: "Probability that a caller is resolved by IVR self-service and hangs up: one number, or one per interval of the customers' day (48 for 30 minutes), by the interval of arrival.",
  }),
  containedTime: distribution.optional().meta({
    description: "Time in the IVR of callers it resolves (IVR-only calls); the menu time then applies to the callers routed to agents. Default: the menu time for both.",
  }),
  failedSelfServiceExtra: distribution.optional().meta({
    description: "Extra handle time for callers who tried self-service and failed (added to their talk time).",
  }),
  menuTime: distribution.optional().meta({ description: "Overrides the IVR's menu time for this contact type." }),
});

const segment = z.strictObject({
  share: probability.meta({ description: "Share of this type's contacts in the segment; shares must sum to 1." }),
  priority: z.number().int().min(0).max(9).default(0).meta({ description: "Queue priority: higher is served first (FIFO within a priority)." }),
});

const retrial = z.strictObject({
  afterBlocked: probability.default(0).meta({ description: "Probability a caller who got a busy signal tries again." }),
  afterAbandon: probability.default(0).meta({ description: "Probability a caller who abandoned tries again." }),
  delay: distribution.default({ dist: "exponential", mean: 300 }).meta({ description: "Time until the new attempt." }),
  maxAttempts: z.number().int().min(0).max(100).default(5).meta({ description: "Most new attempts per contact." }),
});

const callback = z.strictObject({
  offerWhenWaitAbove: duration.meta({
    description: "Offer a callback when the expected wait on arrival exceeds this (expected wait = (queue ahead + 1) × mean handle time / agents on duty).",
  }),
  acceptProbability: probability.default(0.5).meta({ description: "Probability a caller offered a callback accepts it (and leaves the queue)." }),
  mode: z.enum(["keep-place", "scheduled"]).default("keep-place").meta({
    description: "keep-place: the callback keeps the caller's place in a virtual queue; scheduled: the customer picks a time, `scheduledDelay` later.",
  }),
  scheduledDelay: distribution.optional().meta({ description: "With mode 'scheduled': delay until the chosen callback time (default exponential, mean 1 hour)." }),
  dialTime: distribution.default({ dist: "deterministic", mean: 20 }).meta({ description: "Agent time spent dialling and ringing per attempt." }),
  answerProbability: probability.default(0.85).meta({ description: "Probability the customer answers a callback attempt." }),
  maxAttempts: z.number().int().min(1).max(20).default(3).meta({ description: "Most attempts to reach the customer before the callback is given up." }),
  retryDelay: distribution.default({ dist: "deterministic", mean: 600 }).meta({ description: "Time before dialling again after an unanswered attempt." }),
});

const resolution = z.strictObject({
  fcr: probability.default(1).meta({ description: "First-contact resolution: probability an agent resolves the contact." }),
  repeatDelay: distribution.default({ dist: "exponential", mean: 86400 }).meta({ description: "Time until an unresolved customer contacts again." }),
  repeatProbability: probability.default(1).meta({ description: "Probability an unresolved customer comes back at all." }),
});

const serviceTarget = z.strictObject({
  thresholdSeconds: duration.optional().meta({
    description: "Answer within this time (the 20 of 80/20). Default: the scenario's for voice and chat; 15 minutes for messaging; 24 hours for email.",
  }),
  target: probability.optional().meta({ description: "Share to answer within the threshold (the 80 of 80/20). Default: the scenario's." }),
});

const contactType = z.strictObject({
  channel: z.enum(CHANNELS).default("voice").meta({
    description: "voice (trunks, IVR, callbacks); chat and messaging (agents serve several at once, see agent group concurrency); email (no abandonment, a backlog worked when no live contact waits).",
  }),
  volume,
  deflection: probability.default(0).meta({
    description: "Share of would-be contacts resolved by FAQ / web self-service before a contact is created (counted as deflected, not offered).",
  }),
  utcOffsetHours: utcOffset.optional().meta({ description: "Customers' time zone, in which the intraday profile and days are read; defaults to the center's." }),
  openHours: z
    .union([openWindow, z.array(openWindow).min(1)])
    .optional()
    .meta({
      description: "When the center takes these contacts (center's clock); default always. An attempt while closed is not offered: the customer tries again at a random time in the first three hours after the next opening.",
    }),
  handleTime: distribution.meta({ description: "Time an agent spends with the contact (talk, chat or email handling), in seconds." }),
  handleTimeByInterval: z.array(z.number().gt(0).max(100)).min(1).optional().meta({
    description: "Factors multiplying handle time per interval of the customers' day (one per intervalMinutes: 48 for 30 minutes), by the interval in which the conversation starts: 1.2 = 20% longer. Default: all 1.",
  }),
  wrapUp: distribution.default({ dist: "deterministic", mean: 0 }).meta({ description: "After-contact work (seconds)." }),
  patience: z.union([z.literal("infinite"), distribution]).optional().meta({
    description: "Time a customer waits before abandoning. Default: infinite for voice, exponential 5 minutes for chat, 30 minutes for messaging; email never abandons.",
  }),
  ivr: ivrForType.optional().meta({ description: "Voice only: IVR self-service for this type (needs the scenario's `ivr`, or uses its defaults)." }),
  segments: z.record(name, segment).optional().meta({ description: "Customer segments (e.g. vip, standard) with shares and queue priorities." }),
  retrial: retrial.optional().meta({ description: "Redials after a busy signal or abandonment (voice and chat)." }),
  callback: callback.optional().meta({ description: "Voice only: virtual hold — offer to call back instead of waiting." }),
  resolution: resolution.optional().meta({ description: "First-contact resolution and repeat contacts of unresolved customers. Default: every contact is resolved." }),
  serviceLevel: serviceTarget.optional().meta({ description: "This type's service-level target (threshold and share); default the scenario's." }),
});

// ---- agent groups ---------------------------------------------------------------------------

const shiftBreak = z.strictObject({
  after: duration.meta({ description: "Start of the break, measured from the start of the shift." }),
  length: duration,
  window: duration.optional().meta({
    description: "Stagger: the shift's agents start this break one after another, evenly over this many seconds from `after` (agent j of n at after + window × j / n). Default 0: all at `after`.",
  }),
});
const shift = z.strictObject({
  start: clockTime.meta({ description: 'Start time "HH:MM" on the site\'s clock.' }),
  length: duration.meta({ description: "Paid length, breaks included." }),
  days: dayList.default(["mon", "tue", "wed", "thu", "fri"]),
  count: count.meta({ description: "Agents working this shift (scheduled, before shrinkage)." }),
  breaks: z.array(shiftBreak).default([]).meta({ description: "Breaks within the shift (paid time off the phones), each at `after` from the shift start for `length`." }),
});

const staffing = z
  .strictObject({
    constant: count.optional().meta({ description: "The same number of scheduled agents at all times." }),
    perInterval: z.array(count).min(1).optional().meta({
      description: "Scheduled agents per interval on the site's clock: one day (repeated daily), one week (repeated weekly), or the whole horizon.",
    }),
    shifts: z.array(shift).min(1).optional().meta({ description: "Shifts on the site's clock: a start, a paid length, days and a count of agents." }),
    elastic: z
      .strictObject({
        serviceLevel: probability.default(0.8).meta({ description: "Share answered within thresholdSeconds that the vendor staffs to, interval by interval." }),
        thresholdSeconds: duration.default(20),
        model: z.enum(["erlangC", "erlangA"]).default("erlangA").meta({ description: "Erlang C (nobody abandons) or Erlang A (with the type's patience) to compute the agents needed." }),
      })
      .optional()
      .meta({ description: "Staff each interval to the forecast load by Erlang C/A for this service level (how vendors staff to a contract)." }),
  })
  .meta({ description: "Give exactly one of constant, perInterval, shifts or elastic." });

const agentGroup = z.strictObject({
  site: name.default("inhouse").meta({ description: "Where the group works: a key of `sites` (costs, time zone, vendor contract)." }),
  skills: z.record(name, z.number().int().min(1).max(9)).meta({
    description: "Contact types this group serves, with a priority: 1 is taken first when an agent picks the next contact.",
  }),
  staffing,
  shrinkage: z.number().min(0).lt(1).default(0).meta({
    description: "Share of scheduled time agents are unavailable (meetings, training, absence): productive agent-time = scheduled agent-time on duty × (1 − shrinkage), exactly (a fraction of an agent works that share of each interval).",
  }),
  handleTimeFactor: z.number().gt(0).max(100).default(1).meta({ description: "Multiplies handle times of this group (1.2 = 20% slower)." }),
  fcr: probability.optional().meta({ description: "Overrides the contact types' first-contact resolution for contacts this group handles." }),
  hourlyWage: money.optional().meta({ description: "In-house: loaded cost per scheduled agent hour (salary, benefits, payroll taxes)." }),
  concurrency: z
    .strictObject({
      max: z.number().int().min(1).max(20).default(1).meta({ description: "Most chat/messaging conversations an agent handles at once." }),
      slowdown: z.number().min(0).max(5).default(0).meta({
        description: "Each extra concurrent conversation slows every conversation of that agent by this share (0.2: with 3 at once each runs at 1/1.4 speed).",
      }),
    })
    .prefault({})
    .meta({ description: "Chat and messaging only; voice and email are always one at a time." }),
  reserveForLive: z.number().int().min(0).max(1e6).default(0).meta({
    description: "Email blending: an agent takes an email only while at least this many other agents of the group stay idle for live contacts.",
  }),
});

// ---- sites: in-house and vendors ------------------------------------------------------------

const inhouseSite = z.strictObject({
  type: z.literal("inhouse").meta({ description: "inhouse: agents employed by the center, costed by wage, supervision, facilities, technology and hiring." }),
  utcOffsetHours: utcOffset.optional().meta({ description: "The site's clock for shifts and staffing; defaults to the center's." }),
  premiums: z
    .strictObject({
      night: z.number().min(0).max(3).default(0).meta({ description: "Extra share of the wage for scheduled hours in the night window (0.25 = +25%)." }),
      nightFrom: clockTime.default(21 * 3600).meta({ description: "Start of the night window (\"HH:MM\" on the site's clock; default 21:00)." }),
      nightTo: clockTime.default(7 * 3600).meta({ description: "End of the night window (\"HH:MM\" on the site's clock; default 07:00)." }),
      weekend: z.number().min(0).max(3).default(0).meta({ description: "Extra share of the wage for Saturday and Sunday hours." }),
      overtime: z.number().min(0).max(3).default(0.5).meta({ description: "Extra share of the wage for overtime hours (0.5 = time and a half)." }),
    })
    .prefault({})
    .meta({ description: "Extra shares of the wage for night, weekend and overtime hours." }),
  supervision: z
    .strictObject({
      agentsPerSupervisor: positive.default(12).meta({ description: "Span of control: supervisor hours = scheduled agent hours / this." }),
      supervisorHourlyWage: money.default(0),
      supervisorsPerManager: positive.default(8).meta({ description: "Supervisors per manager: manager months = supervisors / this." }),
      managerMonthlySalary: money.default(0),
    })
    .prefault({})
    .meta({ description: "Supervisors and managers, paid per scheduled agent hour through the span of control." }),
  facilities: z
    .strictObject({ perSeatMonthly: money.default(0).meta({ description: "Rent, utilities and equipment per seat; seats = peak scheduled agents at once." }) })
    .prefault({})
    .meta({ description: "Seats: rent, utilities and equipment per month." }),
  technology: z
    .strictObject({
      perSeatMonthly: money.default(0).meta({ description: "Software licences and IT per seat per month." }),
      fixedMonthly: money.default(0),
    })
    .prefault({})
    .meta({ description: "Software and IT: per seat and fixed, per month." }),
  hiring: z
    .strictObject({
      attritionPerYear: z.number().min(0).max(5).default(0).meta({ description: "Share of agents leaving per year, each replaced by a hire." }),
      costPerHire: money.default(0).meta({ description: "Recruiting and initial training per hire." }),
      rampWeeks: z.number().min(0).max(104).default(0).meta({ description: "Weeks a new hire is slower than a tenured agent." }),
      rampHandleTimeFactor: z.number().gt(0).max(10).default(1).meta({
        description: "Handle-time multiplier of agents in ramp-up; the simulation applies it to the steady-state share of new hires.",
      }),
    })
    .prefault({})
    .meta({ description: "Attrition and the cost and ramp-up of the hires that replace leavers." }),
});

export const PRICING_UNITS = ["handledMinute", "handledContact", "productiveHour", "fte"] as const;

const vendorSite = z.strictObject({
  type: z.literal("vendor").meta({ description: "vendor: an outsourcer, costed by its pricing, minimum, SLA penalties and bonuses, and transition." }),
  utcOffsetHours: utcOffset.optional().meta({ description: "The vendor's clock for shifts and staffing; defaults to the center's." }),
  pricing: z.strictObject({
    per: z.enum(PRICING_UNITS).meta({
      description: "handledMinute: talk minutes; handledContact: conversations handled; productiveHour: staffed agent hours; fte: scheduled full-time equivalents per month.",
    }),
    rate: money,
    fteHoursPerMonth: positive.default(160).meta({ description: "With per: fte — scheduled hours that make one FTE month." }),
  }).meta({ description: "What the vendor charges: a rate per handled minute, handled contact, productive hour or FTE month." }),
  minimumMonthly: money.default(0).meta({ description: "Volume commitment: the vendor bills at least this per month (prorated to the horizon)." }),
  sla: z
    .strictObject({
      target: probability.meta({ description: "Contracted service level for contacts routed to the vendor." }),
      thresholdSeconds: duration.default(20),
      per: z.enum(["interval", "month"]).default("month").meta({ description: "Measured per report interval, or over the month (the horizon, prorated)." }),
      penaltyPerPoint: money.default(0).meta({ description: "Penalty per percentage point below target, per measurement." }),
      bonusPerPoint: money.default(0).meta({ description: "Bonus per percentage point above target, per measurement." }),
    })
    .optional()
    .meta({ description: "The contracted service level, with penalties below and bonuses above the target." }),
  transition: z
    .strictObject({
      amount: money.meta({ description: "One-off transition cost (knowledge transfer, set-up)." }),
      amortisationMonths: positive.default(36).meta({ description: "Months over which the transition cost is spread." }),
    })
    .optional()
    .meta({ description: "One-off cost of moving contacts to the vendor, amortised over months." }),
});

// ---- scenario-wide costs --------------------------------------------------------------------

const costs = z.strictObject({
  currency: z.string().regex(/^[A-Z]{3}$/, "expected an ISO 4217 currency code such as USD or EUR").default("USD").meta({ description: "ISO 4217 code of the currency every amount is in (USD, EUR, …)." }),
  telephony: z
    .strictObject({
      perLineMinute: money.default(0).meta({ description: "Inbound trunk cost per minute a line is held (IVR, queue and talk)." }),
      perIvrMinute: money.default(0).meta({ description: "IVR port cost per minute." }),
      perOutboundMinute: money.default(0).meta({ description: "Outbound callback minutes (dialling and talk)." }),
    })
    .prefault({})
    .meta({ description: "Telephony costs per minute: inbound lines, IVR ports, outbound callbacks." }),
  investments: z
    .array(
      z.strictObject({
        name: z.string().min(1).meta({ description: "What the investment is (shown in cost tables)." }),
        amount: money,
        amortisationMonths: positive.default(36).meta({ description: "Months over which the amount is spread." }),
      }),
    )
    .default([])
    .meta({ description: "One-off investments (IVR, CTI, callback system), amortised over months." }),
  poorService: z
    .strictObject({
      churnProbability: z
        .strictObject({
          abandoned: probability.default(0).meta({ description: "Per customer who abandoned and did not try again." }),
          blocked: probability.default(0).meta({ description: "Per customer who got a busy signal and did not try again." }),
          unresolved: probability.default(0).meta({ description: "Per handled contact that was not resolved." }),
        })
        .prefault({})
        .meta({ description: "Probability that a customer is lost, by what happened to them." }),
      lifetimeValue: z.record(z.string(), money).meta({ description: "Customer lifetime value per segment name; `default` for the rest." }),
    })
    .optional()
    .meta({ description: "Cost of poor service: each badly served customer raises churn probability × lifetime value." }),
});

const overflow = z.strictObject({
  type: name.meta({ description: "Contact type that may overflow." }),
  to: name.meta({ description: "Agent group that also takes it once it has waited `afterWait`." }),
  afterWait: duration.meta({ description: "Wait after which the overflow group becomes eligible." }),
  priority: z.number().int().min(1).max(9).default(9).meta({ description: "Priority of overflowed contacts for that group (1 = first)." }),
});

// ---- uncertain assumptions ------------------------------------------------------------------

/** An input stated as uncertain: `compare` and `report` sample it (scenario/assumptions.ts checks the rest). */
const assumption = z.strictObject({
  low: z.number().meta({ description: "Lowest plausible value (uniform, triangular), or the 5th percentile (normal, lognormal)." }),
  high: z.number().meta({ description: "Highest plausible value (uniform, triangular), or the 95th percentile (normal, lognormal)." }),
  dist: z.enum(["uniform", "triangular", "normal", "lognormal"]).default("triangular").meta({
    description: "Shape of the uncertainty between low and high; triangular peaks at `mode`.",
  }),
  mode: z.number().optional().meta({ description: "Most likely value of a triangular assumption; default the value the scenario states, clamped to the range." }),
  label: z.string().max(80).optional().meta({ description: "Name in verdicts and charts, e.g. \"vendor FCR\"; default the path's last keys." }),
});

export const scenarioSchema = z.strictObject({
  $schema: z.string().optional().meta({ description: "The JSON Schema editors check the file against, e.g. ../schema/scenario.schema.json." }),
  name: z.string().min(1).optional().meta({ description: "The scenario's name in tables, reports and results." }),
  description: z.string().optional().meta({ description: "Free text about the scenario, for people." }),
  extends: z.string().min(1).optional().meta({ description: "A base scenario file (path relative to this one); this file overrides its keys (null removes one)." }),
  seed: z.number().int().min(0).max(2 ** 32 - 1).default(1).meta({ description: "Random seed: the same seed gives bit-identical results (override with --seed)." }),
  replications: z.number().int().min(1).max(100000).default(10).meta({ description: "Independent runs of the horizon whose KPIs are averaged with confidence intervals (override with --replications)." }),
  horizon: z
    .strictObject({
      days: z.number().gt(0).max(366).optional().meta({ description: "Days simulated (added to hours)." }),
      hours: z.number().gt(0).max(8784).optional().meta({ description: "Hours simulated (added to days)." }),
      maxArrivals: z.number().int().min(1).optional().meta({ description: "Stop generating arrivals after this many fresh contacts." }),
    })
    .prefault({})
    .meta({ description: "Simulated time: days and/or hours (default one day)." }),
  startDay: day.default("mon").meta({ description: "Day of week of time 0 (midnight on the center's clock)." }),
  intervalMinutes: z.union([z.literal(15), z.literal(30), z.literal(60)]).default(30).meta({
    description: "Length of the planning intervals in which profiles and staffing are given.",
  }),
  reportIntervalMinutes: z.number().int().min(15).max(10080).optional().meta({
    description: "Length of reporting intervals (a multiple of intervalMinutes); default intervalMinutes.",
  }),
  warmup: duration.default(0).meta({ description: "Contacts arriving before this time are simulated but not counted; costs count from here too." }),
  utcOffsetHours: utcOffset.default(0).meta({ description: "The center's clock, in which time 0 is midnight." }),
  serviceLevel: z
    .strictObject({
      thresholdSeconds: duration.default(20),
      target: probability.default(0.8).meta({ description: "Share to answer within thresholdSeconds (the 80 of 80/20): a number between 0 and 1, 0.8 for 80%." }),
      shortAbandon: duration.default(5).meta({ description: "Abandons within this time are excluded from the `serviceLevelExShortAbandons` variant." }),
      per: z.enum(["horizon", "interval"]).default("horizon").meta({
        description: "Where the target must be met for an option to qualify in `compare` and `report`: over the horizon (the average), or also in every report interval of the day.",
      }),
    })
    .prefault({})
    .meta({ description: "The scenario's service-level target (answered within thresholdSeconds, the 80/20), used by every type unless it sets its own." }),
  trunks: z.strictObject({ lines: count.meta({ description: "Lines: voice calls at once in the IVR, queue or talk; a call finding all busy gets a busy signal." }) }).optional().meta({ description: "Trunk lines for voice; omitted = unlimited." }),
  ivr: z
    .strictObject({
      ports: count.optional().meta({ description: "IVR ports; omitted = unlimited. A call finding all ports busy gets a busy signal." }),
      menuTime: distribution.default({ dist: "deterministic", mean: 30 }),
    })
    .optional()
    .meta({ description: "The voice IVR every call passes first: ports and menu time (self-service per type under contactTypes.*.ivr)." }),
  contactTypes: z.record(name, contactType).meta({ description: "Kinds of contact by name (billing, sales, …): how many arrive, how long they take, how long customers wait." }),
  agentGroups: z.record(name, agentGroup).meta({ description: "Groups of agents by name: the contact types they serve, their staffing, site and wage." }),
  sites: z
    .record(name, z.discriminatedUnion("type", [inhouseSite, vendorSite]))
    .optional()
    .meta({ description: "In-house sites and outsourced vendors. Default: one in-house site named `inhouse`." }),
  routing: z
    .strictObject({ overflow: z.array(overflow).default([]).meta({ description: "Rules that let a contact type wait for another group after a time in queue." }) })
    .prefault({})
    .meta({ description: "How contacts reach groups beyond those whose skills they match first." }),
  costs: costs.optional().meta({ description: "Money: currency, telephony, investments and the cost of poor service (site costs are under sites)." }),
  assumptions: z.record(z.string().min(1), assumption).optional().meta({
    description: "Uncertain inputs, keyed by field path as for `--set` (e.g. `agentGroups.generalists.fcr`): `compare` and `report` sample them and state the range of the result. `null` removes an inherited one.",
  }),
  limits: z
    .strictObject({
      // Bounded: each contact in the system holds memory, and 1e12 would exhaust it before the check fires.
      maxInSystem: z.number().int().min(1).max(2_000_000).default(1_000_000).meta({ description: "Contacts in the system at once that end a replication as 'overloaded' (at most 2,000,000)." }),
      maxEvents: z.number().int().min(1).optional().meta({
        description: "Events per replication that end it as 'event-limit' (default: 1,000 per expected arrival plus 10 million).",
      }),
    })
    .prefault({})
    .meta({ description: "Guards that end a replication that cannot finish (an overloaded center, a run without end), with a status instead of a hang." }),
});

/** What a scenario file may contain (before defaults). */
export type ScenarioInput = z.input<typeof scenarioSchema>;
/** A validated scenario with every default filled in. */
export type Scenario = z.output<typeof scenarioSchema>;
export type DistributionSpec = z.output<typeof distribution>;
export type ContactTypeSpec = Scenario["contactTypes"][string];
export type AgentGroupSpec = Scenario["agentGroups"][string];
export type SiteSpec = NonNullable<Scenario["sites"]>[string];
export type InhouseSiteSpec = Extract<SiteSpec, { type: "inhouse" }>;

export type VendorSiteSpec = Extract<SiteSpec, { type: "vendor" }>;
export type ShiftSpec = z.output<typeof shift>;
export type CostsSpec = NonNullable<Scenario["costs"]>;
export type Channel = (typeof CHANNELS)[number];
export type DayName = (typeof DAYS)[number];
