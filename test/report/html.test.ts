import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { costServiceFrontierChart } from "../../src/report/charts/index.js";
import { buildReport, escapeHtml, htmlReport, type ReportOutcome } from "../../src/report/html.js";
import { fixtures } from "./fixtures.js";

const CHROMIUM = "/usr/bin/chromium";
const svgCount = (html: string) => (html.match(/<svg[\s>]/g) ?? []).length;

/** Outcomes with a label and a warning that need escaping. */
function trickyOutcomes(): ReportOutcome[] {
  const f = fixtures();
  return f.outcomes.map((o, i) => (i === 1 ? { ...o, label: "Offshore <vendor> & co", warnings: [{ code: "overloaded", message: "load > capacity at 10:30" }] } : o));
}

describe("buildReport", () => {
  it("has the verdict, four cost and service charts for a comparison, and the extra figures", async () => {
    const f = fixtures();
    const html = await buildReport({ outcomes: f.outcomes, figures: [{ spec: costServiceFrontierChart(f.sweep), caption: "Staffing sweep" }] });
    // Cost distribution, paired difference, breakdown, service profile, and the frontier.
    expect(svgCount(html)).toBe(5);
    expect(html).toContain("Recommendation:");
    expect(html).toContain("<figcaption>Staffing sweep</figcaption>");
    expect(html).toContain("Paired differences against In-house");
    expect(html).not.toMatch(/NaN|undefined|Infinity/);
  });

  it("needs no network: no scripts, links, imports or remote URLs", async () => {
    const html = await buildReport({ outcomes: fixtures().outcomes });
    expect(html).not.toMatch(/<script|<link|@import|src="http|href="http|url\(http/i);
  });

  it("escapes labels and warnings", async () => {
    const html = await buildReport({ outcomes: trickyOutcomes() });
    expect(html).toContain("Offshore &lt;vendor&gt; &amp; co");
    expect(html).toContain("load &gt; capacity at 10:30");
    expect(html).not.toContain("<vendor>");
  });

  it("reports one scenario without a comparison and without costs", async () => {
    const o = { ...fixtures().outcomes[0], costs: null };
    const html = await buildReport({ outcomes: [o] });
    expect(svgCount(html)).toBe(1);
    expect(html).toContain("In-house: service level");
    expect(html).not.toContain("Recommendation:");
  });

  it("is the same page for the same input", async () => {
    const f = fixtures();
    expect(await buildReport({ outcomes: f.outcomes })).toBe(await buildReport({ outcomes: f.outcomes }));
  });

  it("rejects an empty list of outcomes", async () => {
    await expect(buildReport({ outcomes: [] })).rejects.toThrow(RangeError);
  });
});

describe("htmlReport", () => {
  it("assembles a page from rendered pieces", () => {
    const html = htmlReport({ title: "T & U", meta: ["m"], verdict: ["v1", "v2"], warnings: [], figures: [{ svg: "<svg></svg>" }], sections: [{ heading: "S", html: "<p>x</p>" }], footer: "f" });
    expect(html.startsWith("<!DOCTYPE html>")).toBe(true);
    expect(html).toContain("<title>T &amp; U</title>");
    expect(html).toContain("<p>v2</p>");
    expect(svgCount(html)).toBe(1);
  });

  it("escapes the five HTML special characters", () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe("&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
  });
});

const chromiumMissing = !existsSync(CHROMIUM);
describe.skipIf(chromiumMissing)(`the HTML report in headless Chromium${chromiumMissing ? ` (skipped: ${CHROMIUM} not found)` : ""}`, () => {
  it("loads with no console errors, no requests and every chart drawn", async () => {
    const { chromium } = await import("playwright-core");
    const f = fixtures();
    const html = await buildReport({ outcomes: trickyOutcomes(), figures: [{ spec: costServiceFrontierChart(f.sweep) }] });
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    });
    try {
      const page = await browser.newPage();
      const problems: string[] = [];
      page.on("console", (m) => {
        if (m.type() === "error" || m.type() === "warning") problems.push(`${m.type()}: ${m.text()}`);
      });
      page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
      const requests: string[] = [];
      page.on("request", (r) => requests.push(r.url()));
      await page.setContent(html, { waitUntil: "load" });
      expect(problems).toEqual([]);
      expect(requests.filter((u) => !u.startsWith("data:") && u !== "about:blank")).toEqual([]);
      const sizes = await page.$$eval("svg", (svgs) => svgs.map((s) => { const r = s.getBoundingClientRect(); return [r.width, r.height]; }));
      expect(sizes).toHaveLength(5);
      for (const [w, h] of sizes) {
        expect(w).toBeGreaterThan(200);
        expect(h).toBeGreaterThan(100);
      }
      expect(await page.title()).toBe("3 options compared");
      // Inline SVGs share the document's ids: each id must appear once.
      const duplicateIds = await page.$$eval("[id]", (els) => {
        const seen = new Map<string, number>();
        for (const e of els) seen.set(e.id, (seen.get(e.id) ?? 0) + 1);
        return [...seen].filter(([, n]) => n > 1).map(([id]) => id);
      });
      expect(duplicateIds).toEqual([]);
    } finally {
      await browser.close();
    }
  });

  it("reads on a wide and a narrow screen: no page-level horizontal overflow, text at least 11 px, the summary first", async () => {
    const { chromium } = await import("playwright-core");
    const html = await buildReport({ outcomes: fixtures().outcomes });
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox", "--disable-gpu", "--no-first-run"] });
    try {
      for (const width of [1400, 400]) {
        const page = await browser.newPage({ viewport: { width, height: 900 } });
        await page.setContent(html, { waitUntil: "load" });
        // Runs in the page (plain JavaScript: this project's TypeScript has no DOM types).
        const m = (await page.evaluate(`(() => {
          const doc = document.documentElement;
          let smallest = Infinity;
          let where = "";
          // SVG text at its drawn size: the font size times the scale of its transform to the screen.
          for (const t of document.querySelectorAll("svg text")) {
            if (!t.textContent.trim()) continue;
            const ctm = t.getScreenCTM();
            const size = parseFloat(getComputedStyle(t).fontSize) * (ctm ? Math.hypot(ctm.a, ctm.b) : 1);
            if (size < smallest) { smallest = size; where = t.textContent; }
          }
          for (const e of document.querySelectorAll("p, li, td, th, h1, h2, h3, figcaption, footer")) {
            const size = parseFloat(getComputedStyle(e).fontSize);
            if (size < smallest) { smallest = size; where = e.tagName; }
          }
          const summary = document.querySelector("section.summary");
          return {
            overflow: doc.scrollWidth - doc.clientWidth,
            smallest,
            where,
            summaryTop: summary ? summary.getBoundingClientRect().top : -1,
            summaryHasChart: !!(summary && summary.querySelector("figure svg")),
            summaryHasVerdict: !!(summary && summary.querySelector(".verdict p")),
            detailsBelow: [...document.querySelectorAll("h2")].findIndex((h) => h.textContent === "Charts") > 0,
          };
        })()`)) as { overflow: number; smallest: number; where: string; summaryTop: number; summaryHasChart: boolean; summaryHasVerdict: boolean; detailsBelow: boolean };
        expect(m.overflow, `page-level horizontal overflow at ${width} px`).toBeLessThanOrEqual(0);
        expect(m.smallest, `smallest text at ${width} px: ${m.where}`).toBeGreaterThanOrEqual(10.99);
        expect(m.summaryHasVerdict && m.summaryHasChart).toBe(true);
        expect(m.summaryTop).toBeLessThan(200);
        expect(m.detailsBelow).toBe(true);
        await page.close();
      }
    } finally {
      await browser.close();
    }
  });

  it("prints to a PDF with chromium --headless --print-to-pdf", async () => {
    const { mkdtempSync, writeFileSync, readFileSync, rmSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const { join } = await import("node:path");
    const { spawnSync } = await import("node:child_process");
    const dir = mkdtempSync(join(tmpdir(), "ccsim-pdf-"));
    try {
      const file = join(dir, "report.html");
      writeFileSync(file, await buildReport({ outcomes: fixtures().outcomes }));
      const pdf = join(dir, "report.pdf");
      const r = spawnSync(CHROMIUM, ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--no-pdf-header-footer", `--print-to-pdf=${pdf}`, `file://${file}`], { encoding: "utf8", timeout: 120_000 });
      expect(r.status, r.stderr).toBe(0);
      const bytes = readFileSync(pdf);
      expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");
      // Pages: the summary on the first, the details after it.
      const pages = (bytes.toString("latin1").match(/\/Type\s*\/Page[^s]/g) ?? []).length;
      expect(pages).toBeGreaterThanOrEqual(2);
      expect(bytes.length).toBeGreaterThan(20_000);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);
});
