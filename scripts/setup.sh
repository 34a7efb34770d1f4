#!/usr/bin/env bash
# One-time set-up on a fresh machine: npm packages, Debian's Jupyter and Chromium, and the tslab
# kernel (TypeScript notebooks), Slurm and munge. Safe to run again; skips what is already there.
set -euo pipefail
cd "$(dirname "$0")/.."

npm ci --no-audit --no-fund

# Debian packages: Jupyter runs the notebooks headless in the tests (nbconvert + the tslab
# kernel); Chromium checks that the HTML report renders.
missing=()
/usr/bin/python3 -c "import nbclient, nbconvert, ipykernel, jupyter_client" 2>/dev/null ||
  missing+=(jupyter-nbconvert python3-ipykernel jupyter-client python3-nbclient)
[ -x /usr/bin/chromium ] || missing+=(chromium)
# Slurm and munge: test/deploy/slurm.test.ts starts a one-node Slurm to test deploy/slurm.
command -v slurmctld >/dev/null && command -v munged >/dev/null || missing+=(slurm-wlm munge)
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# Register the tslab kernel with Debian's Python; the kernel starts `tslab`, found through node_modules/.bin.
PATH="$PWD/node_modules/.bin:$PATH" npx --no-install tslab install --python=/usr/bin/python3 >/dev/null
echo "ccsim: set-up complete"
