#!/usr/bin/env bash
# Queues an eos-sweep run on Slurm: a job array with one shard per index,
# and a merge job that starts when every shard has succeeded.
#
#   CONFIG=my.yaml RUN_ROOT=runs/my SHARDS=8 CPUS_PER_TASK=16 \
#     deploy/slurm/submit.sh [eos-sweep run options…]
#
# Environment:
#   CONFIG         the sweep config (required)
#   RUN_ROOT       where shard-<i>/, merged/ and logs/ go (required; made absolute)
#   SHARDS         number of shards = array indices 0..SHARDS-1 (required)
#   CPUS_PER_TASK  cores per shard, used as worker threads (default 8)
#   ARRAY          which shards to (re)submit, as sbatch --array indices
#                  (default 0-(SHARDS-1)); e.g. ARRAY=3,5 to rerun two failed
#                  shards — the merge is queued again after them
#   ARRAY_LIMIT    run at most this many shards at once (sbatch --array=…%N)
#   EOS_SWEEP      the eos-sweep command (default: this checkout's built CLI,
#                  "node <repo>/apps/cli/dist/main.js", if present, else "eos-sweep")
#   SBATCH_OPTS    extra sbatch options for both jobs, e.g. "--partition=cpu --time=4:00:00"
# Options after the script are passed to every shard's `eos-sweep run`.
#
# Prints the two job ids; the last line is "ARRAY_JOB=<id> MERGE_JOB=<id>".
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=inputs.sh
source "$here/inputs.sh"
export CONFIG RUN_ROOT SHARDS EOS_SWEEP

read -r -a extra <<<"${SBATCH_OPTS:-}"
# Resubmitting a shard that already finished is harmless (--resume makes it
# a no-op), so ARRAY may be generous.
array="${ARRAY:-0-$((SHARDS - 1))}${ARRAY_LIMIT:+%$ARRAY_LIMIT}"

# --parsable prints "jobid" or "jobid;cluster"; keep the id.
# --export=ALL: hand CONFIG, RUN_ROOT, SHARDS, EOS_SWEEP (and PATH, for node)
# to the job even where the site sets SBATCH_EXPORT=NONE.
array_job=$(sbatch --parsable --export=ALL "${extra[@]}" \
  --array="$array" \
  --cpus-per-task="${CPUS_PER_TASK:-8}" \
  --output="$RUN_ROOT/logs/shard-%a-%A.out" \
  "$here/sweep.sbatch" "$@")
array_job=${array_job%%;*}
echo "submitted shards: array job $array_job ($array)"

# afterok on an array job waits for every index to succeed. If one fails the
# dependency can never be met; without --kill-on-invalid-dep=yes the merge
# would then pend forever (DependencyNeverSatisfied) instead of going away.
merge_job=$(sbatch --parsable --export=ALL "${extra[@]}" \
  --dependency="afterok:$array_job" \
  --kill-on-invalid-dep=yes \
  --output="$RUN_ROOT/logs/merge-%j.out" \
  "$here/merge.sbatch")
merge_job=${merge_job%%;*}
echo "submitted merge: job $merge_job (after array job $array_job succeeds)"
echo "ARRAY_JOB=$array_job MERGE_JOB=$merge_job"
