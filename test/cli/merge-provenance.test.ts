/**
 * `ccsim merge` trusts nothing: a scenario edited between shards, a corrupt or truncated file,
 * a decompression bomb and an interrupted shard are each refused (exit 2) with one sentence
 * naming the file and what differs — never a raw JavaScript error — and a partial shard merges
 * only with --allow-partial.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import { beforeAll, describe, expect, it } from "vitest";
import { EXIT, ccsim, ccsimOk, readJson, sleep, startCcsim, tempDir, writeScenario } from "./helpers.js";

const dir = tempDir("merge-provenance");
beforeAll(() => writeScenario(dir, "a.yaml"));

/** One line of stderr: "ccsim: cannot merge: …" and nothing else. */
function expectRefusal(args: string[], pattern: RegExp) {
  const r = ccsim(["merge", ...args], { cwd: dir });
  expect(r.status, r.stderr).toBe(EXIT.input);
  expect(r.stderr).toMatch(/^ccsim: cannot merge: [^\n]+\n$/);
  expect(r.stderr).toMatch(pattern);
  expect(r.stderr).not.toMatch(/Cannot read properties|TypeError|SyntaxError|undefined/);
  return r;
}

describe("ccsim merge", () => {
  it("refuses shards of a scenario edited between them, naming the field and both values", () => {
    const shards = join(dir, "edited");
    const first = ccsimOk(["run", "a.yaml", "-w", "1", "--shard", "0/2", "--out", shards], { cwd: dir });
    // Without --quiet, even in a log (stderr not a terminal), each shard says it is done.
    expect(first.stderr).toMatch(/^ccsim: shard 0\/2 done: 2 replications in \d+ s; wrote .*shard-0-of-2\.json\.gz; combine all shards with `ccsim merge`$/m);
    writeScenario(dir, "a.yaml", { perHour: 900, agents: 60 });
    ccsimOk(["run", "a.yaml", "-w", "1", "-q", "--shard", "1/2", "--out", shards], { cwd: dir });
    writeScenario(dir, "a.yaml");
    expectRefusal([shards, "--out", join(dir, "never")], /their scenarios for a\.yaml differ \(agentGroups\.agents\.staffing\.constant: 14 in .*shard-0-of-2\.json\.gz, 60 in .*shard-1-of-2\.json\.gz\)/);
    expect(existsSync(join(dir, "never"))).toBe(false);
  });

  it("refuses a truncated, a non-gzip and a hand-edited shard", () => {
    const shards = join(dir, "good");
    for (const i of [0, 1]) ccsimOk(["run", "a.yaml", "-w", "1", "-q", "--shard", `${i}/2`, "--out", shards], { cwd: dir });
    const bytes = readFileSync(join(shards, "shard-1-of-2.json.gz"));
    const bad = join(dir, "bad");
    mkdirSync(bad);
    writeFileSync(join(bad, "shard-1-of-2.json.gz"), bytes.subarray(0, Math.floor(bytes.length / 2)));
    expectRefusal([join(shards, "shard-0-of-2.json.gz"), join(bad, "shard-1-of-2.json.gz")], /shard-1-of-2\.json\.gz is (corrupt|truncated)/);
    writeFileSync(join(bad, "shard-1-of-2.json.gz"), "hello, not gzip\n");
    expectRefusal([join(shards, "shard-0-of-2.json.gz"), join(bad, "shard-1-of-2.json.gz")], /shard-1-of-2\.json\.gz is corrupt: it is not valid gzip data/);
    // Edited by hand, gzipped again: the checksum no longer matches.
    const text = gunzipSync(bytes).toString("utf8").replace(/"requested":4/, '"requested":6');
    writeFileSync(join(bad, "shard-1-of-2.json.gz"), gzipSync(text));
    expectRefusal([join(shards, "shard-0-of-2.json.gz"), join(bad, "shard-1-of-2.json.gz")], /shard-1-of-2\.json\.gz (is corrupt or was edited|asks for 6 replications)/);
  });

  it("stops a decompression bomb early instead of inflating it", () => {
    const bomb = join(dir, "bomb");
    mkdirSync(bomb);
    writeFileSync(join(bomb, "shard-0-of-1.json.gz"), gzipSync(Buffer.alloc(64 << 20, 32), { level: 9 }));
    const started = Date.now();
    expectRefusal([bomb], /shard-0-of-1\.json\.gz inflates more than 100-fold .*decompression bomb/);
    expect(Date.now() - started).toBeLessThan(20_000);
  });

  it("refuses an interrupted shard naming it and its count, and merges it with --allow-partial", async () => {
    writeScenario(dir, "day.yaml", { name: "day", hours: 24, replications: 40000 });
    const shards = join(dir, "partial");
    // Both shards of a job far too big to finish, each stopped by SIGTERM (as at a cluster's time limit).
    const runs = [0, 1].map((i) => startCcsim(["run", "day.yaml", "-w", "1", "-q", "--shard", `${i}/2`, "--out", shards], { cwd: dir }));
    await sleep(3000);
    for (const r of runs) r.child.kill("SIGTERM");
    for (const r of await Promise.all(runs.map((x) => x.done))) expect(r.status, r.stderr).toBe(EXIT.interrupted);
    expectRefusal([shards, "--out", join(dir, "merged")], /shard-0-of-2\.json\.gz is partial: it holds \d+ of its 20000 replications \(it was interrupted\); rerun that shard, or merge what there is with --allow-partial/);
    expect(existsSync(join(dir, "merged"))).toBe(false);
    const merged = ccsim(["merge", shards, "--out", join(dir, "merged"), "--allow-partial"], { cwd: dir });
    expect(merged.status, merged.stderr).toBe(EXIT.ok);
    expect(merged.stderr).toMatch(/shard-0-of-2\.json\.gz is partial: \d+ of 20000 replications .*\n.*shard-1-of-2\.json\.gz is partial/);
    const doc = readJson(join(dir, "merged", "results.json"));
    expect(doc.partial).toBe(true);
    expect(doc.requested).toBe(40000);
    expect(doc.replications).toBeGreaterThan(0);
  }, 60_000);
});
