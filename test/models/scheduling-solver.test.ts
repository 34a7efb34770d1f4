/**
 * The solver plumbing of src/models/scheduling.ts that a healthy HiGHS never exercises: the reload
 * and single retry after a native failure, a runtime whose loading failed, and the fallback to the
 * rounded-up LP relaxation when the MIP returns no usable integer plan. The real HiGHS runs
 * underneath; a thin wrapper injects the failures (a file of its own, since vi.mock is per file).
 */
import { beforeEach, describe, expect, it, vi } from "vitest";
import { scheduleShifts, type ScheduleRequest } from "../../src/models/scheduling.js";

const inject = vi.hoisted(() => ({ loads: 0, creates: 0, disposes: 0, failLoads: 0, failCreates: 0, mipSolution: undefined as number[] | undefined, mipSolutionStatus: undefined as number | undefined }));

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
  const load: Loader = async (options) => {
    inject.loads++;
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
          dispose: () => void;
        };
        inject.creates++;
        let integral = false;
        return bindAll(model, {
          dispose: () => {
            inject.disposes++;
            model.dispose();
          },
          changeColsIntegrality: (...args: unknown[]) => {
            integral = true;
            return (model.changeColsIntegrality as (...a: unknown[]) => unknown).apply(model, args);
          },
          getSolution: () => (integral && inject.mipSolution ? { ...model.getSolution(), colValue: Float64Array.from(inject.mipSolution) } : model.getSolution()),
          info: { get: (key: string) => (key === "primal_solution_status" && inject.mipSolutionStatus !== undefined ? inject.mipSolutionStatus : model.info.get(key)) },
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
  inject.mipSolution = undefined;
  inject.mipSolutionStatus = undefined;
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
