/**
 * The Kubernetes manifests validate against the Kubernetes API schemas (npm kubernetes-models)
 * and say what the recipe in docs/cluster.md relies on: per-shard retries, a volume claim that
 * exists, scenarios from a ConfigMap, a non-root user, clean-up of finished Jobs; and the image
 * is built in two stages, on an overridable Node 20 base, from a context without node_modules,
 * results or .git. The image itself is built and measured by scripts/image-check.sh, outside the
 * test run (it needs root, podman and the network).
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Job } from "kubernetes-models/batch/v1/Job";
import { PersistentVolumeClaim } from "kubernetes-models/v1/PersistentVolumeClaim";
import { Pod } from "kubernetes-models/v1/Pod";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { REPO } from "../cli/helpers.js";

const manifest = (name: string) => parse(readFileSync(join(REPO, "deploy", "kubernetes", name), "utf8"));
const shards = new Job(manifest("indexed-job.yaml"));
const merge = new Job(manifest("merge-job.yaml"));
const claim = new PersistentVolumeClaim(manifest("pvc.yaml"));
const reader = new Pod(manifest("results-reader.yaml"));

describe("deploy/kubernetes", () => {
  it("every manifest validates against the Kubernetes schemas", () => {
    for (const m of [shards, merge, claim, reader]) expect(() => m.validate()).not.toThrow();
    // The check can fail: a wrong type is refused.
    expect(() => new Job({ ...manifest("indexed-job.yaml"), spec: { ...manifest("indexed-job.yaml").spec, backoffLimitPerIndex: "2" } }).validate()).toThrow(/backoffLimitPerIndex/);
  });

  it("retries each shard on its own (backoffLimitPerIndex, maxFailedIndexes) and cleans finished Jobs up", () => {
    const spec = shards.spec!;
    expect(spec.completionMode).toBe("Indexed");
    expect(spec.backoffLimitPerIndex).toBeGreaterThanOrEqual(1);
    expect(spec.backoffLimit, "a job-wide limit would override the per-index one").toBeUndefined();
    expect(spec.maxFailedIndexes).toBeGreaterThanOrEqual(0);
    expect(spec.maxFailedIndexes!).toBeLessThanOrEqual(spec.completions!);
    for (const job of [shards, merge]) expect(job.spec!.ttlSecondsAfterFinished).toBeGreaterThan(0);
  });

  it("runs as a non-root user without privilege escalation", () => {
    for (const pod of [shards.spec!.template.spec!, merge.spec!.template.spec!, reader.spec!]) {
      expect(pod.securityContext?.runAsNonRoot).toBe(true);
      expect(pod.securityContext?.runAsUser).toBeGreaterThan(0);
      for (const c of pod.containers) expect(c.securityContext?.allowPrivilegeEscalation).toBe(false);
    }
  });

  it("reads scenarios from a ConfigMap and writes to the claim of pvc.yaml, which the merge and the reader share", () => {
    const pod = shards.spec!.template.spec!;
    const scenarios = pod.volumes!.find((v) => v.configMap)!;
    expect(scenarios.configMap!.name).toBe("ccsim-scenarios");
    const container = pod.containers[0];
    const mount = container.volumeMounts!.find((m) => m.name === scenarios.name)!;
    expect(container.command!.filter((a) => a.endsWith(".yaml")).every((a) => a.startsWith(`${mount.mountPath}/`))).toBe(true);
    expect(claim.spec!.accessModes).toContain("ReadWriteMany");
    for (const p of [pod, merge.spec!.template.spec!, reader.spec!]) expect(p.volumes!.find((v) => v.persistentVolumeClaim)!.persistentVolumeClaim!.claimName).toBe(claim.metadata!.name);
    // The merge reads the directory the shards write.
    expect(merge.spec!.template.spec!.containers[0].command).toContain(container.command![1]);
  });

  it("documents kubectl wait before the merge and kubectl cp to get the results", () => {
    const text = readFileSync(join(REPO, "deploy", "kubernetes", "indexed-job.yaml"), "utf8") + readFileSync(join(REPO, "docs", "cluster.md"), "utf8");
    expect(text).toContain("kubectl wait --for=condition=complete --timeout=6h job/ccsim-decision");
    expect(text).toMatch(/kubectl cp ccsim-results-reader:\/results\/decision-merged/);
    expect(text).toContain("kubectl create configmap ccsim-scenarios");
  });

  it("builds the image in two stages as the image's non-root user, from a context without node_modules, results or .git", () => {
    const dockerfile = readFileSync(join(REPO, "deploy", "Dockerfile"), "utf8");
    expect(dockerfile.match(/^FROM /gm)).toHaveLength(2);
    expect(dockerfile).toMatch(/^COPY --from=build /m);
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).not.toMatch(/^COPY \. /m);
    const ignored = readFileSync(join(REPO, ".dockerignore"), "utf8").split("\n");
    for (const p of [".git", "node_modules", "results", "dist"]) expect(ignored).toContain(p);
  });

  it("bases both stages on one overridable Node 20 image, the official one by default", () => {
    const dockerfile = readFileSync(join(REPO, "deploy", "Dockerfile"), "utf8");
    expect(dockerfile).toMatch(/^ARG NODE_IMAGE=docker\.io\/library\/node:20-bookworm-slim$/m);
    expect(dockerfile.match(/^FROM .*/gm)).toEqual(["FROM ${NODE_IMAGE} AS build", "FROM ${NODE_IMAGE}"]);
    // The ARG comes before the first FROM, or the FROM lines could not use it.
    expect(dockerfile.indexOf("ARG NODE_IMAGE")).toBeLessThan(dockerfile.indexOf("FROM "));
  });

  it("copies into the image only what exists and what .dockerignore lets into the build context", () => {
    const dockerfile = readFileSync(join(REPO, "deploy", "Dockerfile"), "utf8");
    const ignored = readFileSync(join(REPO, ".dockerignore"), "utf8").split("\n").filter((l) => l && !l.startsWith("#"));
    // COPY lines from the build context (not --from=build): every source but the last word.
    const sources = [...dockerfile.matchAll(/^COPY (?!--from)(.+)$/gm)].flatMap((m) => m[1].trim().split(/\s+/).slice(0, -1));
    expect(sources).toEqual(expect.arrayContaining(["package.json", "package-lock.json", "src", "scenarios"]));
    for (const source of sources) {
      expect(existsSync(join(REPO, source)), `${source} is copied but does not exist`).toBe(true);
      // .dockerignore's patterns here are plain names or *.ext, matched against the first path part.
      const first = source.split("/")[0];
      const hit = ignored.find((pattern) => (pattern.startsWith("*.") ? first.endsWith(pattern.slice(1)) : pattern === first));
      expect(hit, `${source} is copied but .dockerignore excludes it (${hit})`).toBeUndefined();
    }
  });

  it("has a script that builds and checks the image, kept out of the test run", () => {
    const script = join(REPO, "scripts", "image-check.sh");
    // It parses; running it needs root, podman, the network and minutes (docs/cluster.md).
    const parsed = spawnSync("bash", ["-n", script], { encoding: "utf8" });
    expect(parsed.status, parsed.stderr).toBe(0);
    const text = readFileSync(script, "utf8");
    expect(text).toContain("--build-arg NODE_IMAGE=");
    expect(text).toMatch(/LIMIT_MB=400\b/);
    const pkg = JSON.parse(readFileSync(join(REPO, "package.json"), "utf8")) as { scripts: Record<string, string> };
    expect(Object.values(pkg.scripts).join("\n")).not.toContain("image-check");
  });
});
