// `npm start` without a 30-second rebuild each time: builds only when a source is newer than the
// build's last output (dist/bundle/cli.js, written after tsc). Run: node scripts/build-if-stale.mjs
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** Inputs of `npm run build`: the sources and the files that configure the build. */
const INPUTS = ["src", "scripts/bundle.mjs", "tsconfig.json", "tsconfig.build.json", "package.json", "package-lock.json"];
/** The build's last output. */
const OUTPUT = "dist/bundle/cli.js";

function newest(path) {
  if (!existsSync(path)) return 0;
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  let t = 0;
  for (const entry of readdirSync(path)) t = Math.max(t, newest(join(path, entry)));
  return t;
}

/** True when `root` has no build or a build input changed after it. */
export function isStale(root) {
  const out = join(root, OUTPUT);
  if (!existsSync(out)) return true;
  const built = statSync(out).mtimeMs;
  return INPUTS.some((p) => newest(join(root, p)) > built);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = process.cwd();
  if (isStale(root)) {
    process.stderr.write("sources changed since the last build: building…\n");
    const r = spawnSync("npm", ["run", "build", "--silent"], { stdio: "inherit", cwd: root });
    process.exit(r.status ?? 1);
  }
}
