/**
 * The cost model bills each agent group at its own site only, and each site by its own terms:
 * two in-house sites with different wages, premiums and seat costs, and a vendor billed per
 * handled contact, with every site's figure computed by hand. Billing a group at a site it
 * does not work at (or every group at every site) changes at least one of them.
 */
import { describe, expect, it } from "vitest";
import { SHARED } from "../../src/models/cost.js";
import { costOf } from "./costed.js";

/** One day; calls replayed at 10:00, 11:00 and 12:00, all served by the vendor's one agent. */
const THREE_SITES = `
horizon: { days: 1 }
contactTypes:
  calls: { volume: { times: [36000, 39600, 43200] }, handleTime: { dist: deterministic, mean: 300 } }
  mail: { channel: email, volume: { times: [] }, handleTime: 300 }
agentGroups:
  north: { site: north, hourlyWage: 20, skills: { mail: 1 }, staffing: { constant: 2 } }
  northNight: { site: north, hourlyWage: 25, skills: { mail: 1 }, staffing: { shifts: [{ start: "00:00", length: "8h", days: "all", count: 1 }] } }
  south: { site: south, hourlyWage: 30, skills: { mail: 1 }, staffing: { constant: 1 } }
  outsourced: { site: bpo, skills: { calls: 1 }, staffing: { constant: 1 } }
sites:
  north: { type: inhouse, facilities: { perSeatMonthly: 304.375 } }
  south: { type: inhouse, premiums: { night: 0.5, nightFrom: "22:00", nightTo: "06:00" } }
  bpo: { type: vendor, pricing: { per: handledContact, rate: 4 } }
`;

describe("the cost model per site and per group", () => {
  const { report } = costOf(THREE_SITES);
  const bySite = report.runs[0].bySite;
  const cost = report.runs[0].cost;

  it("bills the north site its own groups at their own wages: 2 × 24 h × 20 + 8 h × 25, and three seats at the peak", () => {
    expect(bySite.north.labour).toBeCloseTo(960 + 200, 9);
    // Seats = peak scheduled agents at once (3, from 00:00 to 08:00), for a day of 304.375 a month.
    expect(bySite.north.facilities).toBeCloseTo((3 * 304.375) / 30.4375, 9);
    expect(bySite.north.vendorFees).toBe(0);
  });

  it("bills the south site its own agent: 24 h × 30, plus half the wage for its 8 night hours", () => {
    expect(bySite.south.labour + bySite.south.premiums).toBeCloseTo(720 + 8 * 15, 9);
    expect(bySite.south.facilities).toBe(0);
    expect(bySite.south.vendorFees).toBe(0);
  });

  it("bills the vendor its three handled contacts only, and no in-house cost", () => {
    expect(bySite.bpo.vendorFees).toBe(12);
    expect(bySite.bpo.labour).toBe(0);
    expect(bySite.bpo.premiums).toBe(0);
    expect(bySite.bpo.facilities).toBe(0);
  });

  it("adds the sites up to the total, with nothing shared", () => {
    expect(Object.values(bySite[SHARED]).every((x) => x === 0)).toBe(true);
    expect(cost.total).toBeCloseTo(1160 + 30 + 720 + 120 + 12, 9);
    expect(Object.keys(report.bySite).sort()).toEqual([SHARED, "bpo", "north", "south"].sort());
  });
});
