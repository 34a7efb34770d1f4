#!/usr/bin/env bash
# Runs this task's shard of a ccsim job on a cluster. The shard index comes from the scheduler:
#   Kubernetes Indexed Job:  JOB_COMPLETION_INDEX (0-based), shard count in CCSIM_SHARDS
#   Slurm job array:         SLURM_ARRAY_TASK_ID (the array is 0..n−1), shard count in CCSIM_SHARDS
#   anywhere else:           CCSIM_SHARD_INDEX and CCSIM_SHARDS
# Usage: scripts/shard.sh OUT_DIR COMMAND ARGS…      e.g.
#   scripts/shard.sh /shared/run-42 compare scenarios/baseline.yaml scenarios/outsourced.yaml -r 400
# Every shard writes OUT_DIR/shard-i-of-n.json.gz; then `ccsim merge OUT_DIR --out RESULTS`
# gives exactly the result of one unsharded run.
set -euo pipefail
if [ $# -lt 2 ]; then
  echo "usage: $0 OUT_DIR COMMAND ARGS…  (COMMAND: run, compare or sweep)" >&2
  exit 2
fi
out="$1"; shift
if [ -n "${JOB_COMPLETION_INDEX:-}" ]; then
  index="$JOB_COMPLETION_INDEX"
  count="${CCSIM_SHARDS:?set CCSIM_SHARDS to the number of Job completions}"
elif [ -n "${SLURM_ARRAY_TASK_ID:-}" ]; then
  # The array index is the shard index and the count is given explicitly, so that resubmitting
  # some indices (sbatch --array=2,5 …) reruns exactly those shards of the same job.
  index="$SLURM_ARRAY_TASK_ID"
  count="${CCSIM_SHARDS:?set CCSIM_SHARDS to the number of shards (the array is 0..CCSIM_SHARDS-1)}"
else
  index="${CCSIM_SHARD_INDEX:?set CCSIM_SHARD_INDEX (or run under Kubernetes or Slurm)}"
  count="${CCSIM_SHARDS:?set CCSIM_SHARDS}"
fi
mkdir -p "$out"
exec node "$(dirname "$0")/../bin/ccsim.js" "$@" --shard "$index/$count" --out "$out"
