#!/usr/bin/env bash
# Builds the container image (deploy/Dockerfile) with podman and checks it without a container
# registry or a container runtime, as docs/cluster.md reports:
#   1. the base: CCSIM_BASE_IMAGE if set (e.g. docker.io/library/node:20-bookworm-slim, pulled
#      where a registry is reachable); otherwise a stand-in for it, localhost/node:20-bookworm-slim,
#      made here from Debian bookworm (debootstrap, slimmed as debian:bookworm-slim is) and this
#      machine's Node 20 (node, npm, corepack and headers under /usr/local, as the official image
#      has them), with the official image's `node` user (uid 1000);
#   2. `podman build` with that base (the build stage's `npm ci` needs the npm registry);
#   3. the image's size against the 400 MB target, and what it holds (no dev dependencies, no
#      sources, tests or .git; runs as `node`);
#   4. the image's file system exported and `node bin/ccsim.js run scenarios/baseline.yaml -r 2`
#      run in it with chroot as the image's user, compared with the same run from this checkout.
# Not part of `npm test` or CI: it needs root, podman and debootstrap (apt-get install podman
# debootstrap), the Debian mirror and the npm registry, and a few minutes. Usage (repository root
# or anywhere): sudo scripts/image-check.sh      Exit 0 only when every check passes.
set -euo pipefail
cd "$(dirname "$0")/.."
LIMIT_MB=400
BASE="${CCSIM_BASE_IMAGE:-localhost/node:20-bookworm-slim}"
IMAGE="${CCSIM_IMAGE:-localhost/ccsim:check}"
MIRROR="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"

fail() { echo "image-check: $*" >&2; exit 1; }
[ "$(id -u)" = 0 ] || fail "run it as root (debootstrap, podman's image store and chroot need root)"
for tool in podman tar unshare chroot; do command -v "$tool" >/dev/null || fail "$tool is not installed (apt-get install podman)"; done

work="$(mktemp -d /tmp/ccsim-image-XXXXXX)"
container=""
cleanup() {
  [ -z "$container" ] || podman rm -f "$container" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

# A stand-in for the official node:20-bookworm-slim, from Debian and this machine's Node 20.
build_base() {
  command -v debootstrap >/dev/null || fail "debootstrap is not installed (apt-get install debootstrap)"
  local node version prefix root="$work/rootfs"
  node="$(readlink -f "$(command -v node)")" || fail "node is not installed"
  version="$("$node" --version)"
  case "$version" in v20.*) ;; *) fail "this machine's node is $version; the base needs Node 20" ;; esac
  prefix="$(dirname "$(dirname "$node")")"
  echo "image-check: building $BASE from Debian bookworm ($MIRROR) and Node $version from $prefix"
  debootstrap --variant=minbase bookworm "$root" "$MIRROR" >"$work/debootstrap.log" 2>&1 || { tail -20 "$work/debootstrap.log" >&2; fail "debootstrap failed"; }
  # What debian:bookworm-slim leaves out: package caches and lists, documentation, translations.
  rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/* "$root"/usr/share/doc/* \
    "$root"/usr/share/man/* "$root"/usr/share/info/* "$root"/var/log/*.log
  find "$root/usr/share/locale" -mindepth 1 -maxdepth 1 ! -name locale.alias -exec rm -rf {} +
  mkdir -p "$root/usr/local/bin" "$root/usr/local/lib/node_modules" "$root/usr/local/include"
  cp -a "$node" "$root/usr/local/bin/node"
  for m in npm corepack; do [ ! -d "$prefix/lib/node_modules/$m" ] || cp -a "$prefix/lib/node_modules/$m" "$root/usr/local/lib/node_modules/"; done
  rm -f "$root/usr/local/lib/node_modules/npm/npmrc"   # this machine's npm settings, not the official image's
  [ ! -d "$prefix/include/node" ] || cp -a "$prefix/include/node" "$root/usr/local/include/"
  ln -s ../lib/node_modules/npm/bin/npm-cli.js "$root/usr/local/bin/npm"
  ln -s ../lib/node_modules/npm/bin/npx-cli.js "$root/usr/local/bin/npx"
  [ ! -d "$root/usr/local/lib/node_modules/corepack" ] || ln -s ../lib/node_modules/corepack/dist/corepack.js "$root/usr/local/bin/corepack"
  chroot "$root" groupadd --gid 1000 node
  chroot "$root" useradd --uid 1000 --gid node --shell /bin/bash --create-home node
  [ "$(chroot "$root" /usr/local/bin/node --version)" = "$version" ] || fail "node does not run in the Debian root"
  tar -C "$root" -c . | podman import --change 'CMD ["node"]' - "$BASE" >/dev/null
  rm -rf "$root"
}

if ! podman image exists "$BASE"; then
  if [ -n "${CCSIM_BASE_IMAGE:-}" ]; then podman pull "$BASE"; else build_base; fi
fi

echo "image-check: podman build -f deploy/Dockerfile --build-arg NODE_IMAGE=$BASE -t $IMAGE ."
# Chroot isolation runs the RUN steps without an OCI runtime: crun refuses machines whose cgroup v2
# hierarchy holds a controller beside cgroup v1 ("cgroups in hybrid mode not supported").
# Behind a TLS-intercepting proxy (NODE_EXTRA_CA_CERTS names its CA here), npm ci needs that CA too.
ca=()
if [ -n "${NODE_EXTRA_CA_CERTS:-}" ] && [ -f "$NODE_EXTRA_CA_CERTS" ]; then
  ca=(--volume "$NODE_EXTRA_CA_CERTS:/run/build-ca.pem:ro" --build-arg NODE_EXTRA_CA_CERTS=/run/build-ca.pem)
fi
podman build --isolation="${CCSIM_BUILD_ISOLATION:-chroot}" --pull=never --build-arg NODE_IMAGE="$BASE" "${ca[@]}" \
  -t "$IMAGE" -f deploy/Dockerfile . >"$work/build.log" 2>&1 || { tail -30 "$work/build.log" >&2; fail "podman build failed (log above)"; }

mb() { awk -v b="$1" 'BEGIN { printf "%.0f", b / 1e6 }'; }
base_bytes="$(podman image inspect --format '{{.Size}}' "$BASE")"
image_bytes="$(podman image inspect --format '{{.Size}}' "$IMAGE")"
echo "image-check: base $BASE: $(mb "$base_bytes") MB; image $IMAGE: $(mb "$image_bytes") MB (target: under $LIMIT_MB MB); ccsim's own layers: $(mb $((image_bytes - base_bytes))) MB"
[ "$image_bytes" -lt $((LIMIT_MB * 1000000)) ] || fail "the image is $(mb "$image_bytes") MB, over $LIMIT_MB MB"

user="$(podman image inspect --format '{{.Config.User}}' "$IMAGE")"
[ "$user" = node ] || fail "the image runs as '$user', not as the non-root user node"

# podman can build but not run containers here: look at the image's file system instead.
container="$(podman create "$IMAGE")"
root="$work/image"
mkdir "$root"
podman export "$container" | tar -C "$root" -x
for p in app/dist/cli/main.js app/bin/ccsim.js app/scripts/shard.sh app/scenarios/baseline.yaml app/node_modules/zod; do
  [ -e "$root/$p" ] || fail "the image lacks /$p"
done
for p in app/.git app/src app/test app/node_modules/typescript app/node_modules/vitest app/node_modules/.bin/tsc app/results; do
  [ ! -e "$root/$p" ] || fail "the image holds /$p, which it should not"
done
echo "image-check: /app holds $(du -sh "$root/app" | cut -f1) (node_modules $(du -sh "$root/app/node_modules" | cut -f1), dist $(du -sh "$root/app/dist" | cut -f1))"

uid="$(chroot "$root" id -u node)"
gid="$(chroot "$root" id -g node)"
[ "$uid" = 1000 ] || fail "the image's node user has uid $uid, not 1000 (the manifests' runAsUser)"
# A private mount namespace, so that /dev and /proc are unmounted when it ends.
unshare --mount --propagation private sh -c '
  root="$1"; uid="$2"; gid="$3"
  mount --rbind /dev "$root/dev"
  mount -t proc proc "$root/proc"
  exec chroot --userspec="$uid:$gid" "$root" /usr/bin/env -i HOME=/home/node PATH=/usr/local/bin:/usr/bin:/bin NODE_ENV=production \
    sh -c "cd /app && node bin/ccsim.js run scenarios/baseline.yaml -r 2 --out /tmp/check"
' sh "$root" "$uid" "$gid" >"$work/image.out" 2>"$work/image.err" || { cat "$work/image.err" >&2; fail "ccsim failed inside the image"; }
node bin/ccsim.js run scenarios/baseline.yaml -r 2 --out "$work/host" >"$work/host.out" 2>/dev/null || fail "ccsim failed in this checkout (npm run build first?)"
diff "$work/host.out" "$work/image.out" >&2 || fail "ccsim printed something else inside the image than in this checkout"
for f in "$work/host"/*; do
  name="$(basename "$f")"
  [ "$name" = manifest.json ] && continue   # its run id differs by design
  cmp -s "$f" "$root/tmp/check/$name" || fail "$name differs between the image's run and this checkout's"
done
echo "image-check: ok: ccsim run scenarios/baseline.yaml -r 2 inside the image (as uid $uid, in chroot) printed and wrote the same as this checkout ($(ls "$work/host" | wc -l) files)"
