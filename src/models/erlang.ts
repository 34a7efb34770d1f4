/**
 * Analytic queueing models: Erlang B (M/M/c/c), Erlang C (M/M/c) and Erlang A (M/M/n+M), plus
 * staffing to a service-level target. The simulator is validated against these and elastic
 * staffing calls them, so they are exact up to rounding and stable for n up to 10^5 agents.
 *
 * Erlang B: the recursion B(0) = 1, B(k) = a·B(k−1) / (k + a·B(k−1)); every step maps [0,1] into
 * [0,1] and does not amplify relative error, so nothing overflows (no factorials or powers).
 * Erlang C: C(n, a) = a·B(n−1, a) / (n − a + a·B(n−1, a)); P(W > t) = C·exp(−(nμ − λ)t).
 *
 * Erlang A (Poisson arrivals λ, exponential service μ, n agents, exponential patience θ, FCFS).
 * The queue part of the birth–death stationary distribution and the waiting-time law of a tagged
 * arrival are summed in closed form into one-dimensional integrals of a log-concave function
 * (Baccelli & Hebuterne 1981; Zeltyn & Mandelbaum 2005, "Call centers with impatient customers:
 * many-server asymptotics of the M/M/n+G queue", Queueing Systems 51, §2; Mandelbaum & Zeltyn,
 * "The M/M/n+G queue: summary of performance measures"). With H(x) = (1 − e^{−θx})/θ and
 * p_k the stationary probabilities, the offered wait V (the wait of an infinitely patient
 * arrival) has an atom P(V = 0) = Σ_{k<n} p_k = p_{n−1}/B(n−1, a) and density
 *     f_V(x) = λ·p_{n−1}·exp(φ(x)),  φ(x) = λH(x) − nμx,  x > 0.
 * (Derivation: an arrival that finds j waiting has V = Σ_{i=0..j} Exp(nμ + iθ); weighting the
 * pure-death chain of the customers ahead by p_{n+j} = p_n·Π_{i=1..j} λ/(nμ + iθ), the weighted
 * occupation of "i ahead at time x" solves the forward equations as p_{n+i}·e^{−θxi}·e^{φ(x)}.)
 * The arrival is answered iff its own patience τ ~ Exp(θ), independent of V, exceeds V, so
 *     P(answered, W ≤ T) = P(V = 0) + ∫_0^T f_V(x)·e^{−θx} dx,  E[W; answered] = ∫ x·f_V(x)·e^{−θx} dx,
 *     E[min(V, τ)] = E[Q]/λ = ∫ f_V(x)·H(x) dx,  P(abandon) = θ·E[Q]/λ.
 * These are exact (no truncation of the queue). The integrals are evaluated around the maximum of
 * φ with cancellation-free differences φ(c + d) − φ(c), cut where the integrand is below e^{−60}
 * of its peak, and integrated by adaptive Gauss–Kronrod (21 points) to a relative |K − G| of
 * 1e−12 (the Kronrod value itself is then accurate to about machine precision). Cost: O(n) for
 * the Erlang B recursion plus a few hundred exponentials, independent of the queue length.
 */

const PREFIX = "ccsim/models/erlang";

function fail(fn: string, message: string): never {
  throw new RangeError(`${PREFIX}.${fn}: ${message}`);
}

function requireNonNegative(fn: string, name: string, value: number): void {
  // Number.isFinite and Number.isInteger are false for anything but a number (no coercion).
  if (!Number.isFinite(value) || value < 0) {
    fail(fn, `${name} must be a finite number >= 0, got ${String(value)}`);
  }
}

function requireCount(fn: string, name: string, value: number): void {
  if (!Number.isInteger(value) || value < 0) {
    fail(fn, `${name} must be a non-negative integer, got ${String(value)}`);
  }
}

// ---------------------------------------------------------------------------------------------
// Erlang B and C

/** B(n, a) by the stable recursion; no argument checks. Stops once B underflows to 0 (it stays 0). */
function erlangBUnchecked(servers: number, load: number): number {
  let b = 1;
  for (let k = 1; k <= servers; k++) {
    const ab = load * b;
    b = ab / (k + ab);
    if (b === 0) break;
  }
  return b;
}

/** Erlang B blocking probability of an M/M/c/c system with offered load a = λ·E[S] Erlangs. */
export function erlangB(servers: number, load: number): number {
  requireCount("erlangB", "servers", servers);
  requireNonNegative("erlangB", "load", load);
  return erlangBUnchecked(servers, load);
}

/** C(n, a) from B(n−1, a), for 0 <= a < n: a·B' / (n − a + a·B'), a sum of non-negative terms below. */
function erlangCFromPreviousB(servers: number, load: number, previousB: number): number {
  const aB = load * previousB;
  return aB / (servers - load + aB);
}

/** Erlang C probability of waiting in M/M/c (1 when load >= servers). */
export function erlangC(servers: number, load: number): number {
  requireCount("erlangC", "servers", servers);
  requireNonNegative("erlangC", "load", load);
  if (load >= servers) return 1;
  return erlangCFromPreviousB(servers, load, erlangBUnchecked(servers - 1, load));
}

export interface ErlangCInput {
  /** Calls per second. */
  arrivalRate: number;
  /** Mean handle time E[S] in seconds. */
  meanHandle: number;
  agents: number;
  /** Service-level threshold T in seconds. */
  targetSeconds: number;
}

export type ErlangCKpis =
  | {
      stable: true;
      /** Offered load a = λ·E[S] in Erlangs. */
      load: number;
      /** P(W > 0) = C(n, a). */
      pWait: number;
      /** E[W] over all calls, seconds. */
      asa: number;
      /** P(W <= T) = 1 − C·exp(−(nμ − λ)T). */
      serviceLevel: number;
      /** a / n. */
      occupancy: number;
      /** E[number waiting] = λ·E[W]. */
      meanQueue: number;
    }
  | { stable: false; load: number; occupancy: 1 };

function validateErlangC(fn: string, i: ErlangCInput): void {
  requireNonNegative(fn, "arrivalRate", i.arrivalRate);
  requireNonNegative(fn, "meanHandle", i.meanHandle);
  requireCount(fn, "agents", i.agents);
  requireNonNegative(fn, "targetSeconds", i.targetSeconds);
}

/** Erlang C KPIs given C; requires load < agents. */
function erlangCKpisFromC(arrivalRate: number, meanHandle: number, agents: number, targetSeconds: number, load: number, c: number): ErlangCKpis {
  const gap = agents - load; // > 0
  if (c === 0) return { stable: true, load, pWait: 0, asa: 0, serviceLevel: 1, occupancy: load / agents, meanQueue: 0 };
  // c > 0 implies load > 0 and so meanHandle > 0: the divisions below are finite.
  const asa = (c * meanHandle) / gap;
  return {
    stable: true,
    load,
    pWait: c,
    asa,
    serviceLevel: 1 - c * Math.exp((-gap * targetSeconds) / meanHandle),
    occupancy: load / agents,
    meanQueue: arrivalRate * asa,
  };
}

/**
 * M/M/c KPIs. With no arrivals everything is 0 and the service level 1 (even with 0 agents);
 * otherwise load >= agents is reported as `stable: false` (the queue grows without bound).
 */
export function erlangCKpis(i: ErlangCInput): ErlangCKpis {
  validateErlangC("erlangCKpis", i);
  const { arrivalRate, meanHandle, agents, targetSeconds } = i;
  if (arrivalRate === 0) return { stable: true, load: 0, pWait: 0, asa: 0, serviceLevel: 1, occupancy: 0, meanQueue: 0 };
  const load = arrivalRate * meanHandle;
  if (load >= agents) return { stable: false, load, occupancy: 1 };
  const c = erlangCFromPreviousB(agents, load, erlangBUnchecked(agents - 1, load));
  return erlangCKpisFromC(arrivalRate, meanHandle, agents, targetSeconds, load, c);
}

// ---------------------------------------------------------------------------------------------
// Erlang A

export interface ErlangAInput {
  /** Calls per second. */
  arrivalRate: number;
  /** Mean handle time 1/μ in seconds. */
  meanHandle: number;
  /** Mean patience 1/θ in seconds; 0 means nobody waits (the M/M/n/n loss system). */
  meanPatience: number;
  agents: number;
  /** Service-level threshold T in seconds. */
  targetSeconds: number;
}

export interface ErlangAKpis {
  /** Offered load a = λ/μ in Erlangs. */
  load: number;
  /** P(an arrival finds all agents busy) (PASTA). */
  pWait: number;
  /** P(answered) = 1 − abandonRate (computed separately, they agree to rounding). */
  pAnswered: number;
  /** P(abandon) = θ·E[Q]/λ. */
  abandonRate: number;
  /** E[W | answered] in seconds, counting the zero waits (0 when no call is ever answered). */
  asa: number;
  /** P(answered and W <= T) over all arrivals: abandons before T count against it. */
  serviceLevel: number;
  /** P(W <= T | answered) (0 when no call is ever answered). */
  serviceLevelAnswered: number;
  /** E[busy agents]/n = a·P(answered)/n (0 with 0 agents). */
  occupancy: number;
  /** E[number waiting]. */
  meanQueue: number;
  /** E[time in queue] over answered and abandoned calls = E[Q]/λ, seconds. */
  meanWaitAll: number;
}

/** Above this |u| the closed forms below lose less than a few ulps; below, the Taylor series is used. */
const SERIES_LIMIT = 1;

/** q(u) = (e^{−u} − 1 + u)/u without cancellation (q(0) = 0; q has the sign of u). */
function tiltQuotient(u: number): number {
  if (Math.abs(u) <= SERIES_LIMIT) {
    // Σ_{k>=1} (−u)^{k−1}·u/(k+1)!: alternating with terms below 1/(k+1)!, 20 terms reach 1e−19.
    let term = u / 2;
    let sum = term;
    for (let k = 2; k <= 20; k++) {
      term *= -u / (k + 1);
      sum += term;
    }
    return sum;
  }
  return (Math.expm1(-u) + u) / u;
}

/** e^u − 1 − u without cancellation near 0. */
function expm1MinusIdentity(u: number): number {
  return -u * tiltQuotient(-u);
}

/** Integrand values are dropped below e^{−LOG_CUT} of the peak: the dropped mass is < 1e−25 relative. */
const LOG_CUT = 60;
/** Required |Kronrod − Gauss| per component relative to its total. */
const QUADRATURE_TOLERANCE = 1e-12;
const MAX_PANELS = 2000;

// 21-point Gauss–Kronrod rule (QUADPACK qk21; the nodes are checked for exactness on x^0..x^31).
const GK_NODES = [
  0.995657163025808080735527280689003, 0.973906528517171720077964012084452, 0.930157491355708226001207180059508,
  0.865063366688984510732096688423493, 0.780817726586416897063717578345042, 0.679409568299024406234327365114874,
  0.562757134668604683339000099272694, 0.433395394129247190799265943165784, 0.294392862701460198131126603103866,
  0.14887433898163121088482600112972, 0,
];
const GK_KRONROD_WEIGHTS = [
  0.011694638867371874278064396062192, 0.03255816230796472747881897245939, 0.05475589657435199603138130024458,
  0.07503967481091995276704314091619, 0.093125454583697605535065465083366, 0.109387158802297641899210590325805,
  0.123491976262065851077208980178305, 0.134709217311473325928054001771707, 0.142775938577060080797094273138717,
  0.147739104901338491374841515972068, 0.149445554002916905664936468389821,
];
/** Gauss weights for the odd-indexed nodes 1, 3, 5, 7, 9. */
const GK_GAUSS_WEIGHTS = [
  0.066671344308688137593568809893332, 0.149451349150580593145776339657697, 0.219086362515982043995534934228163,
  0.269266719309996355091226921569469, 0.295524224714752870173892994651338,
];

/** Component indices of the integrals computed together. */
const J0 = 0; // ∫ e^{Δφ}                 → P(V > 0)
const J1 = 1; // ∫ e^{Δφ}·e^{−θx}         → P(answered after waiting)
const JX = 2; // ∫ x·e^{Δφ}·e^{−θx}       → E[W; answered]
const JH = 3; // ∫ e^{Δφ}·H(x)            → E[min(V, τ)]
const J1T = 4; // J1 restricted to x <= T → P(answered after waiting, W <= T)
const COMPONENTS = 5;

/**
 * The offered-wait density around its mode c: φ(c + d) − φ(c) = κ·d − Λ·g(θd)/θ, with
 * Λ = λe^{−θc}, κ = Λ − nμ (0 when c is an interior maximum) and g(u) = e^{−u} − 1 + u >= 0.
 */
interface WaitDensity {
  lambda: number;
  nMu: number;
  theta: number;
  /** Mode c of φ (0 when λ <= nμ). */
  mode: number;
  /** θ·c = ln(λ/(nμ)) or 0. */
  thetaMode: number;
  /** Λ = λe^{−θc}. */
  lambdaAtMode: number;
  /** κ = Λ − nμ <= 0. */
  slopeAtMode: number;
  /** φ(c). */
  logPeak: number;
}

function waitDensity(lambda: number, nMu: number, theta: number, load: number, agents: number): WaitDensity {
  if (load <= agents) {
    return { lambda, nMu, theta, mode: 0, thetaMode: 0, lambdaAtMode: lambda, slopeAtMode: lambda - nMu, logPeak: 0 };
  }
  const logRatio = Math.log(load / agents); // ln(λ/(nμ)) > 0
  return {
    lambda,
    nMu,
    theta,
    mode: logRatio / theta,
    thetaMode: logRatio,
    lambdaAtMode: nMu,
    slopeAtMode: 0,
    // φ(c) = (nμ/θ)(r − 1 − ln r) with r = λ/(nμ).
    logPeak: (nMu / theta) * expm1MinusIdentity(logRatio),
  };
}

/** φ(c + d) − φ(c) <= 0. */
function logDensityOffset(w: WaitDensity, d: number): number {
  return w.slopeAtMode * d - w.lambdaAtMode * d * tiltQuotient(w.theta * d);
}

/** Adds the integrands J0, J1, JX, JH at x = c + d into out (J1T is filled in per panel). */
function addIntegrands(w: WaitDensity, d: number, out: Float64Array): void {
  const density = Math.exp(logDensityOffset(w, d));
  const thetaX = w.thetaMode + w.theta * d; // θx >= 0
  const answered = density * Math.exp(-thetaX);
  const x = w.mode + d;
  out[J0] += density;
  out[J1] += answered;
  out[JX] += x * answered;
  out[JH] += density * (-Math.expm1(-thetaX) / w.theta);
}

interface Panel {
  a: number;
  b: number;
  /** Whether the panel lies at x <= T (T is always a panel boundary). */
  beforeTarget: boolean;
  value: Float64Array;
  error: Float64Array;
}

/** Integrates over [a, b] in units of `unit` (keeps x·∫ finite when the waits are astronomically long). */
function gaussKronrodPanel(w: WaitDensity, a: number, b: number, beforeTarget: boolean, unit: number): Panel {
  const centre = 0.5 * (a + b);
  const halfWidth = 0.5 * (b - a);
  const scaledHalfWidth = halfWidth / unit;
  const kronrod = new Float64Array(COMPONENTS);
  const gauss = new Float64Array(COMPONENTS);
  const scratch = new Float64Array(COMPONENTS);
  for (let k = 0; k < GK_NODES.length; k++) {
    const offset = halfWidth * GK_NODES[k];
    scratch.fill(0);
    addIntegrands(w, centre - offset, scratch);
    if (offset !== 0) addIntegrands(w, centre + offset, scratch);
    for (let c = J0; c <= JH; c++) {
      kronrod[c] += GK_KRONROD_WEIGHTS[k] * scratch[c];
      if (k % 2 === 1) gauss[c] += GK_GAUSS_WEIGHTS[(k - 1) / 2] * scratch[c];
    }
  }
  const value = new Float64Array(COMPONENTS);
  const error = new Float64Array(COMPONENTS);
  for (let c = J0; c <= JH; c++) {
    value[c] = scaledHalfWidth * kronrod[c];
    error[c] = Math.abs(scaledHalfWidth * (kronrod[c] - gauss[c]));
  }
  if (beforeTarget) {
    value[J1T] = value[J1];
    error[J1T] = error[J1];
  }
  return { a, b, beforeTarget, value, error };
}

/**
 * The offset d (same sign as `direction`) where φ(c + d) − φ(c) first drops to −LOG_CUT, within
 * 1%, or `limit` if it does not before. φ − φ(c) is concave with maximum 0 at d = 0.
 */
function tailCut(w: WaitDensity, direction: 1 | -1, limit: number): number {
  // Δφ changes by at most 1 over this step (|Δφ'| <= max(λ, nμ) near d = 0), so no feature is narrower.
  let outer = 1 / (w.lambda + w.nMu + w.theta);
  while (outer < limit && logDensityOffset(w, direction * outer) > -LOG_CUT) outer *= 2;
  if (outer >= limit) return direction * limit;
  let inner = outer / 2;
  while (outer - inner > 0.01 * outer) {
    const mid = 0.5 * (inner + outer);
    if (logDensityOffset(w, direction * mid) > -LOG_CUT) inner = mid;
    else outer = mid;
  }
  return direction * outer;
}

/**
 * The five integrals over x in [0, ∞) (J1T over [0, T]), divided by e^{φ(c)} and measured in units
 * of `unit` seconds (the width of the integration range).
 */
function waitIntegrals(w: WaitDensity, targetSeconds: number): { unit: number; integrals: Float64Array } {
  const right = tailCut(w, 1, Infinity);
  const left = w.mode > 0 ? tailCut(w, -1, w.mode) : 0;
  const unit = right - left;
  const breaks = [left];
  if (left < 0) breaks.push(0);
  breaks.push(right);
  const targetOffset = targetSeconds - w.mode;
  if (targetOffset > left && targetOffset < right && !breaks.includes(targetOffset)) {
    breaks.push(targetOffset);
    breaks.sort((p, q) => p - q);
  }
  const panels: Panel[] = [];
  for (let k = 0; k + 1 < breaks.length; k++) {
    panels.push(gaussKronrodPanel(w, breaks[k], breaks[k + 1], breaks[k + 1] <= targetOffset, unit));
  }
  const total = new Float64Array(COMPONENTS);
  const totalError = new Float64Array(COMPONENTS);
  for (;;) {
    total.fill(0);
    totalError.fill(0);
    for (const p of panels) {
      for (let c = 0; c < COMPONENTS; c++) {
        total[c] += p.value[c];
        totalError[c] += p.error[c];
      }
    }
    // J1T is judged against J1: it can legitimately be 0.
    const scale = (c: number) => (c === J1T ? total[J1] : total[c]);
    let converged = true;
    for (let c = 0; c < COMPONENTS; c++) {
      if (totalError[c] > QUADRATURE_TOLERANCE * scale(c)) converged = false;
    }
    if (converged || panels.length >= MAX_PANELS) return { unit, integrals: total };
    // Bisect the panel with the largest relative error contribution.
    let worst = 0;
    let worstScore = -1;
    for (let k = 0; k < panels.length; k++) {
      let score = 0;
      for (let c = 0; c < COMPONENTS; c++) {
        const s = scale(c);
        if (s > 0) score = Math.max(score, panels[k].error[c] / s);
      }
      if (score > worstScore) {
        worstScore = score;
        worst = k;
      }
    }
    // A panel at the resolution of doubles splits into itself and an empty panel: MAX_PANELS still ends the loop.
    const p = panels[worst];
    const mid = 0.5 * (p.a + p.b);
    panels.splice(worst, 1, gaussKronrodPanel(w, p.a, mid, p.beforeTarget, unit), gaussKronrodPanel(w, mid, p.b, p.beforeTarget, unit));
  }
}

function validateErlangA(fn: string, i: ErlangAInput): void {
  requireNonNegative(fn, "arrivalRate", i.arrivalRate);
  requireNonNegative(fn, "meanHandle", i.meanHandle);
  requireNonNegative(fn, "meanPatience", i.meanPatience);
  requireCount(fn, "agents", i.agents);
  requireNonNegative(fn, "targetSeconds", i.targetSeconds);
}

const clamp01 = (p: number) => Math.min(1, Math.max(0, p));

/** M/M/n+M KPIs (exact; see the module comment for the method). */
export function erlangAKpis(i: ErlangAInput): ErlangAKpis {
  validateErlangA("erlangAKpis", i);
  const { arrivalRate: lambda, meanHandle, meanPatience, agents, targetSeconds } = i;
  const load = lambda * meanHandle;
  if (lambda === 0) {
    return { load: 0, pWait: 0, pAnswered: 1, abandonRate: 0, asa: 0, serviceLevel: 1, serviceLevelAnswered: 1, occupancy: 0, meanQueue: 0, meanWaitAll: 0 };
  }
  if (agents === 0) {
    // Every call waits out its patience.
    return {
      load,
      pWait: 1,
      pAnswered: 0,
      abandonRate: 1,
      asa: 0,
      serviceLevel: 0,
      serviceLevelAnswered: 0,
      occupancy: 0,
      meanQueue: lambda * meanPatience,
      meanWaitAll: meanPatience,
    };
  }
  if (load === 0) {
    // Instant service: an agent is always free.
    return { load, pWait: 0, pAnswered: 1, abandonRate: 0, asa: 0, serviceLevel: 1, serviceLevelAnswered: 1, occupancy: 0, meanQueue: 0, meanWaitAll: 0 };
  }
  const theta = 1 / meanPatience;
  if (!Number.isFinite(theta)) {
    // Zero patience: M/M/n/n, a call that finds all agents busy leaves at once.
    const blocked = erlangBUnchecked(agents, load);
    return {
      load,
      pWait: blocked,
      pAnswered: 1 - blocked,
      abandonRate: blocked,
      asa: 0,
      serviceLevel: 1 - blocked,
      serviceLevelAnswered: 1,
      occupancy: (load * (1 - blocked)) / agents,
      meanQueue: 0,
      meanWaitAll: 0,
    };
  }
  const nMu = agents / meanHandle;
  const previousB = erlangBUnchecked(agents - 1, load); // p_{n−1} = P(V = 0)·B(n−1, a)
  const w = waitDensity(lambda, nMu, theta, load, agents);
  const { unit, integrals: j } = waitIntegrals(w, targetSeconds);
  // log of P(V > 0)/P(V = 0) = λ·B(n−1, a)·∫ e^{φ}; may be ±large, so combine in log space.
  const logOdds = Math.log(lambda) + Math.log(previousB) + w.logPeak + Math.log(unit) + Math.log(j[J0]);
  const pWait = logOdds > 0 ? 1 / (1 + Math.exp(-logOdds)) : Math.exp(logOdds) / (1 + Math.exp(logOdds));
  const pNoWait = logOdds > 0 ? Math.exp(-logOdds) / (1 + Math.exp(-logOdds)) : 1 / (1 + Math.exp(logOdds));
  const perJ0 = pWait / j[J0]; // f_V(c + d) = perJ0·e^{Δφ(d)}/unit
  const pAnswered = clamp01(pNoWait + perJ0 * j[J1]);
  const meanWaitAll = perJ0 * j[JH];
  const abandonRate = clamp01(theta * meanWaitAll);
  const serviceLevel = clamp01(pNoWait + perJ0 * j[J1T]);
  const answeredWait = perJ0 * j[JX];
  return {
    load,
    pWait,
    pAnswered,
    abandonRate,
    asa: pAnswered > 0 ? answeredWait / pAnswered : 0,
    serviceLevel,
    serviceLevelAnswered: pAnswered > 0 ? clamp01(serviceLevel / pAnswered) : 0,
    occupancy: Math.min(1, (load * pAnswered) / agents),
    meanQueue: lambda * meanWaitAll,
    meanWaitAll,
  };
}

// ---------------------------------------------------------------------------------------------
// Staffing

export interface StaffingInput {
  /** Calls per second. */
  arrivalRate: number;
  /** Mean handle time in seconds. */
  meanHandle: number;
  /** Service-level threshold T in seconds. */
  targetSeconds: number;
  /** Required service level in [0, 1]. */
  serviceLevel: number;
  model: "erlangC" | "erlangA";
  /** Mean patience in seconds; required for Erlang A. */
  meanPatience?: number;
  /** Largest staffing considered (default 100,000); RangeError if the target needs more. */
  maxAgents?: number;
}

/**
 * The minimum number of agents whose service level meets the target: Erlang C P(W <= T)
 * (only stable staffings, n > a, qualify), or Erlang A P(answered and W <= T). Both are
 * non-decreasing in n. 0 arrivals need 0 agents.
 */
export function agentsForServiceLevel(i: StaffingInput): number {
  const fn = "agentsForServiceLevel";
  requireNonNegative(fn, "arrivalRate", i.arrivalRate);
  requireNonNegative(fn, "meanHandle", i.meanHandle);
  requireNonNegative(fn, "targetSeconds", i.targetSeconds);
  if (typeof i.serviceLevel !== "number" || !(i.serviceLevel >= 0 && i.serviceLevel <= 1)) {
    fail(fn, `serviceLevel must be a number in [0, 1], got ${String(i.serviceLevel)}`);
  }
  if (i.model !== "erlangC" && i.model !== "erlangA") fail(fn, `model must be "erlangC" or "erlangA", got ${String(i.model)}`);
  const maxAgents = i.maxAgents ?? 100_000;
  requireCount(fn, "maxAgents", maxAgents);
  if (i.model === "erlangA") {
    if (i.meanPatience === undefined) fail(fn, "meanPatience is required for the erlangA model, got undefined");
    requireNonNegative(fn, "meanPatience", i.meanPatience);
  }
  if (i.arrivalRate === 0) return 0;
  const tooFew = (): never =>
    fail(fn, `maxAgents = ${maxAgents} agents do not reach serviceLevel ${i.serviceLevel} within ${i.targetSeconds} s (load ${i.arrivalRate * i.meanHandle} Erlangs)`);
  return i.model === "erlangC" ? erlangCStaffing(i, maxAgents, tooFew) : erlangAStaffing(i, maxAgents, tooFew);
}

/**
 * Upward scan from the first stable staffing, stepping B(n) → B(n+1) by the recursion; the values
 * are bit-identical to erlangCKpis (same operations in the same order), at O(1) per step.
 */
function erlangCStaffing(i: StaffingInput, maxAgents: number, tooFew: () => never): number {
  const load = i.arrivalRate * i.meanHandle;
  const first = Math.floor(load) + 1; // smallest n > load
  if (first > maxAgents) tooFew();
  let previousB = erlangBUnchecked(first - 1, load);
  for (let n = first; n <= maxAgents; n++) {
    const c = erlangCFromPreviousB(n, load, previousB);
    const kpis = erlangCKpisFromC(i.arrivalRate, i.meanHandle, n, i.targetSeconds, load, c);
    if (kpis.stable && kpis.serviceLevel >= i.serviceLevel) return n;
    const ab = load * previousB;
    previousB = ab / (n + ab);
  }
  return tooFew();
}

/** Galloping from n ≈ a, then bisection, on the monotone Erlang A service level. */
function erlangAStaffing(i: StaffingInput, maxAgents: number, tooFew: () => never): number {
  const meets = (agents: number) =>
    erlangAKpis({
      arrivalRate: i.arrivalRate,
      meanHandle: i.meanHandle,
      meanPatience: i.meanPatience!,
      agents,
      targetSeconds: i.targetSeconds,
    }).serviceLevel >= i.serviceLevel;
  const guess = Math.min(maxAgents, Math.max(0, Math.round(i.arrivalRate * i.meanHandle)));
  let fails: number; // largest known failing staffing (−1: none)
  let succeeds: number; // smallest known meeting staffing
  if (meets(guess)) {
    succeeds = guess;
    fails = -1;
    for (let step = 1; succeeds > 0; step *= 2) {
      const probe = Math.max(0, succeeds - step);
      if (meets(probe)) succeeds = probe;
      else {
        fails = probe;
        break;
      }
    }
  } else {
    fails = guess;
    for (let step = 1; ; step *= 2) {
      if (fails === maxAgents) tooFew();
      const probe = Math.min(maxAgents, fails + step);
      if (meets(probe)) {
        succeeds = probe;
        break;
      }
      fails = probe;
    }
  }
  while (succeeds - fails > 1) {
    const mid = fails + Math.floor((succeeds - fails) / 2);
    if (meets(mid)) succeeds = mid;
    else fails = mid;
  }
  return succeeds;
}
