#!/usr/bin/env bash
# One-time set-up on a fresh machine: npm packages, Debian's Jupyter, and the tslab kernel
# (TypeScript notebooks). Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

npm ci --no-audit --no-fund

# Jupyter from Debian (the notebooks run headless in tests with nbconvert and tslab).
if ! /usr/bin/python3 -c "import nbclient, nbconvert, ipykernel, jupyter_client" 2>/dev/null; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq jupyter-nbconvert python3-ipykernel jupyter-client python3-nbclient >/dev/null
fi

# Register the tslab kernel with Debian's Python; the kernel starts `tslab`, found through node_modules/.bin.
if [ -x node_modules/.bin/tslab ]; then
  PATH="$PWD/node_modules/.bin:$PATH" npx tslab install --python=/usr/bin/python3 >/dev/null
fi
echo "ccsim: set-up complete"
