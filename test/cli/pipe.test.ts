/** A reader that closes the pipe early (`ccsim … | head`) ends the output quietly, without a stack trace. */
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { BIN, requireBuild } from "./helpers.js";

describe("output into a pipe closed early", () => {
  it.each(["--help", "fit --help", "staff --help"])("ccsim %s | head -1 exits 0 with nothing on stderr", (args) => {
    requireBuild();
    const r = spawnSync("bash", ["-c", `"${process.execPath}" "${BIN}" ${args} | head -c 10 > /dev/null; echo "status \${PIPESTATUS[0]}"`], { encoding: "utf8" });
    expect(r.stderr).toBe("");
    expect(r.stdout.trim()).toBe("status 0");
  });
});
