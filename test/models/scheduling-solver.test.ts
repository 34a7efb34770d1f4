/**
 * The solver plumbing of src/models/scheduling.ts that a healthy HiGHS never exercises: the reload
 * and single retry after a native failure, a runtime whose loading failed, and the fallback to the
 * rounded-up LP relaxation when the MIP returns no usable integer plan. The real HiGHS runs
 * underneath; a thin wrapper injects the failures (a file of its own, since vi.mock is per file).
 */
import { beforeEach, describe, expect, it, vi } from "vitest";
import { scheduleShifts, type ScheduleRequest } from "../../src/models/scheduling.js";

const inject = vi.hoisted(() => ({
  loads: 0,
  creates: 0,
  disposes: 0,
  failLoads: 0,
  failCreates: 0,
  /** A load the test settles itself (for the order of concurrent calls), used once. */
  pendingLoad: undefined as Promise<object> | undefined,
  mipSolution: undefined as number[] | undefined,
  mipSolutionStatus: undefined as number | undefined,
  /** Model status reported by the first run (the LP relaxation) and the second (the MIP). */
  lpStatus: undefined as number | undefined,
  mipStatus: undefined as number | undefined,
  /** Replaces the MIP's reported dual bound when set (`hasMipDualBound`). */
  hasMipDualBound: false,
  mipDualBound: undefined as unknown,
}));

vi.mock("highs", async (importOriginal) => {
  const real = (await importOriginal()) as { default: unknown };
  type Loader = (options?: unknown) => Promise<object>;
  const exported = real.default as Loader | { default: Loader };
  const realLoad: Loader = typeof exported === "function" ? exported : exported.default;
  const bindAll = <T extends object>(target: T, override: Record<string | symbol, unknown>) =>
    new Proxy(target, {
      get(t, prop) {
        if (prop in override) return override[prop];
        const value = Reflect.get(t, prop);
        return typeof value === "function" ? value.bind(t) : value;
      },
    });
  const load: Loader = (options) => {
    inject.loads++;
    if (!inject.pendingLoad) return loadWrapped(options);
    // Returned as it is (not from an async function, which would settle a tick or two later).
    const pending = inject.pendingLoad;
    inject.pendingLoad = undefined;
    return pending;
  };
  const loadWrapped: Loader = async (options) => {
    if (inject.failLoads > 0) {
      inject.failLoads--;
      throw new Error("injected: the WASM module failed to load");
    }
    const highs = (await realLoad(options)) as { createModel: () => object };
    return bindAll(highs, {
      createModel: () => {
        if (inject.failCreates > 0) {
          inject.failCreates--;
          throw new Error("injected: native abort");
        }
        const model = highs.createModel() as {
          getSolution: () => { colValue: ArrayLike<number> };
          info: { get: (key: string) => unknown };
          changeColsIntegrality: unknown;
          run: (...args: unknown[]) => { modelStatus: number };
          dispose: () => void;
        };
        inject.creates++;
        let integral = false;
        let runs = 0;
        return bindAll(model, {
          dispose: () => {
            inject.disposes++;
            model.dispose();
          },
          changeColsIntegrality: (...args: unknown[]) => {
            integral = true;
            return (model.changeColsIntegrality as (...a: unknown[]) => unknown).apply(model, args);
          },
          run: (...args: unknown[]) => {
            const result = model.run(...args);
            const status = ++runs === 1 ? inject.lpStatus : inject.mipStatus;
            return status === undefined ? result : { ...result, modelStatus: status };
          },
          getSolution: () => (integral && inject.mipSolution ? { ...model.getSolution(), colValue: Float64Array.from(inject.mipSolution) } : model.getSolution()),
          info: {
            get: (key: string) =>
              key === "primal_solution_status" && inject.mipSolutionStatus !== undefined
                ? inject.mipSolutionStatus
                : key === "mip_dual_bound" && inject.hasMipDualBound
                  ? inject.mipDualBound
                  : model.info.get(key),
          },
        });
      },
    });
  };
  return { default: load };
});

const H = 3600;
// Two one-hour shifts, two agents each: the LP optimum is integral (2, 2).
const request: ScheduleRequest = { required: [2, 2], intervalSeconds: H, templates: [{ length: H, starts: [0, H] }] };

beforeEach(() => {
  inject.failLoads = 0;
  inject.failCreates = 0;
  inject.pendingLoad = undefined;
  inject.mipSolution = undefined;
  inject.mipSolutionStatus = undefined;
  inject.lpStatus = undefined;
  inject.mipStatus = undefined;
  inject.hasMipDualBound = false;
  inject.mipDualBound = undefined;
});

describe("scheduleShifts with a failing solver", () => {
  it("does not keep a runtime whose loading failed: the next call loads it again", async () => {
    inject.failLoads = 1;
    const before = inject.loads;
    await expect(scheduleShifts(request)).rejects.toThrow("injected: the WASM module failed to load");
    const plan = await scheduleShifts(request);
    expect(plan.status).toBe("optimal");
    expect(inject.loads - before).toBe(2);
    // A healthy runtime is kept and shared.
    await scheduleShifts(request);
    expect(inject.loads - before).toBe(2);
  });

  it("reloads the runtime after a native failure and retries once, with the same plan", async () => {
    const healthy = await scheduleShifts(request);
    const before = inject.loads;
    inject.failCreates = 1;
    const retried = await scheduleShifts(request);
    expect(inject.failCreates).toBe(0);
    expect(inject.loads - before).toBe(1);
    expect(retried).toEqual(healthy);
  });

  it("gives up with the native error when the retry fails too, and recovers on the next call", async () => {
    inject.failCreates = 2;
    const before = inject.loads;
    await expect(scheduleShifts(request)).rejects.toThrow("injected: native abort");
    expect(inject.failCreates).toBe(0);
    expect(inject.loads - before).toBe(1); // the first attempt used the shared runtime
    // The failed runtime is dropped: the next call loads a fresh one.
    await expect(scheduleShifts(request)).resolves.toHaveProperty("status", "optimal");
    expect(inject.loads - before).toBe(2);
  });
});

it("frees every model it creates, whether the solve succeeds or not", async () => {
  const created = inject.creates;
  const disposed = inject.disposes;
  await scheduleShifts(request);
  inject.mipSolutionStatus = 0;
  await scheduleShifts(request);
  inject.failCreates = 1;
  await scheduleShifts(request);
  expect(inject.creates - created).toBe(3);
  expect(inject.disposes - disposed).toBe(3);
});

describe("scheduleShifts when the MIP returns no usable plan", () => {
  const fallback = {
    method: "HiGHS LP relaxation rounded up (set covering, Dantzig 1954)",
    notes: ["the MIP search returned no integer plan: the LP relaxation is rounded up"],
    status: "feasible",
  };

  it("falls back to the LP relaxation rounded up when HiGHS reports no feasible integer solution", async () => {
    inject.mipSolutionStatus = 0;
    const plan = await scheduleShifts(request);
    expect(plan).toMatchObject(fallback);
    // Integral LP values stay as they are (2, 2), not rounded past them.
    expect(plan.shifts.map((s) => [s.start, s.count])).toEqual([
      [0, 2],
      [H, 2],
    ]);
    expect(plan.coverage).toEqual([2, 2]);
    expect(plan.paidHours).toBe(4);
  });

  it("rejects an integer plan that misses a row, even if it meets the others", async () => {
    inject.mipSolution = [2, 0];
    const plan = await scheduleShifts(request);
    expect(plan).toMatchObject(fallback);
    expect(plan.coverage).toEqual([2, 2]);
    expect(plan.shortfall).toEqual([0, 0]);
  });

  it("accepts an integer plan meeting every row", async () => {
    inject.mipSolution = [2, 3];
    const plan = await scheduleShifts(request);
    expect(plan.method).toBe("HiGHS MIP (set covering, Dantzig 1954)");
    expect(plan.notes).toEqual([]);
    expect(plan.coverage).toEqual([2, 3]);
  });
});

describe("scheduleShifts' shared runtime under concurrent calls", () => {
  it("lets two calls that both hit a native failure retry on one reloaded runtime", async () => {
    await scheduleShifts(request); // a healthy shared runtime to start from
    const before = inject.loads;
    inject.failCreates = 2;
    // Both calls fail on the shared runtime; the first drops it and starts the reload, and the
    // second must retry on that reload instead of dropping it and loading yet another.
    const plans = await Promise.all([scheduleShifts(request), scheduleShifts(request)]);
    expect(plans.map((p) => p.status)).toEqual(["optimal", "optimal"]);
    expect(inject.failCreates).toBe(0);
    expect(inject.loads - before).toBe(1);
  });

  it("keeps a newer healthy runtime when a failed load's other callers learn of the failure", async () => {
    // Drop the shared runtime (a call that gives up), so that the next call starts a load.
    inject.failCreates = 2;
    await expect(scheduleShifts(request)).rejects.toThrow("injected: native abort");
    let failLoad!: (err: Error) => void;
    inject.pendingLoad = new Promise<object>((_, reject) => (failLoad = reject));
    const before = inject.loads;
    const settled = (p: Promise<unknown>) => p.then(() => "planned", (err: Error) => err.message);

    const a = settled(scheduleShifts(request)); // starts the load that will fail
    failLoad(new Error("injected: a slow load failed"));
    // The order of the microtasks below: A learns of the failure (and drops that runtime), then C
    // starts a fresh load, and only then does B, which had joined the failed load, learn of it.
    let c: Promise<string> | undefined;
    queueMicrotask(() => (c = settled(scheduleShifts(request))));
    const b = settled(scheduleShifts(request));

    expect(await a).toBe("injected: a slow load failed");
    expect(await b).toBe("injected: a slow load failed");
    expect(await c).toBe("planned");
    expect(inject.loads - before).toBe(2);
    // C's runtime is healthy and kept: the next call loads nothing.
    await scheduleShifts(request);
    expect(inject.loads - before).toBe(2);
  });
});

describe("scheduleShifts reads HiGHS' statuses and bounds", () => {
  it("gives up with a sentence naming the model status when the LP relaxation is not solved", async () => {
    inject.lpStatus = 4; // solveError
    const created = inject.creates;
    await expect(scheduleShifts(request)).rejects.toThrow(new Error("HiGHS could not solve the LP relaxation (model status 4)"));
    expect(inject.creates - created).toBe(2); // retried once on a reloaded runtime
  });

  it("calls a plan stopped by the time limit 'time-limit', and one stopped by another limit 'feasible'", async () => {
    inject.mipStatus = 13; // timeLimit, with HiGHS' integer plan (2, 2)
    const timed = await scheduleShifts(request);
    expect(timed).toMatchObject({ status: "time-limit", method: "HiGHS MIP (set covering, Dantzig 1954)", notes: [] });
    expect(timed.coverage).toEqual([2, 2]);
    inject.mipStatus = 16; // solutionLimit
    const limited = await scheduleShifts(request);
    expect(limited).toMatchObject({ status: "feasible", method: "HiGHS MIP (set covering, Dantzig 1954)", notes: [] });
  });

  it("falls back on the LP relaxation's bound when HiGHS reports no MIP bound", async () => {
    inject.hasMipDualBound = true;
    inject.mipDualBound = undefined;
    const plan = await scheduleShifts(request);
    // The LP optimum of two one-hour shifts of two agents is 4 paid hours, as the plan costs.
    expect(plan.lowerBound).toBe(4);
    expect(plan.gap).toBe(0);
  });
});
