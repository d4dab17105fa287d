#!/usr/bin/env bash
# Queues an adaptive eos-sweep run (sweep.adaptive, or --adaptive among the
# run options) on Slurm. An adaptive sweep plans each round from the results
# of the rounds before, so it runs as a chain:
#
#   planning job ─▶ array job (round r, one shard per index) ─▶ planning job ─▶ …
#
# Each planning job (adaptive-plan.sbatch) gathers the round just run, plans
# the next one and queues it — an array job and, depending on it, the next
# planning job — or, when nothing is left, writes the run's files. The result
# is the same bytes a local `eos-sweep run` of the config gives.
#
#   CONFIG=my.yaml RUN_ROOT=runs/my SHARDS=8 CPUS_PER_TASK=16 \
#     deploy/slurm/adaptive.sh [eos-sweep run options…]
#
# Environment:
#   CONFIG         the sweep config (required)
#   RUN_ROOT       where the run directory (RUN_ROOT/run) and logs/ go (required; made absolute)
#   SHARDS         array indices per round (required)
#   CPUS_PER_TASK  cores per shard, used as worker threads (default 8)
#   EOS_SWEEP      the eos-sweep command (default: this checkout's built CLI, if present, else "eos-sweep")
#   SBATCH_OPTS    extra sbatch options for every job, e.g. "--partition=cpu --time=1:00:00"
# Options after the script go to every `eos-sweep run` of the chain (give
# --adaptive here if the config has no sweep.adaptive block).
#
# Rerunning this script after a failure continues the run: the planning job
# gathers what the shards saved and queues the rest of the round again.
# RUN_ROOT/logs/jobs lists every round's jobs. Prints "PLAN_JOB=<id>".
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=inputs.sh
source "$here/inputs.sh"
# The jobs run copies of the batch scripts from Slurm's spool: tell them where the originals are.
EOS_SWEEP_SLURM_DIR=$here
# The run options travel to every job of the chain in the environment (word-split there).
EOS_SWEEP_RUN_ARGS="$*"
CPUS_PER_TASK=${CPUS_PER_TASK:-8}
export CONFIG RUN_ROOT SHARDS EOS_SWEEP EOS_SWEEP_SLURM_DIR EOS_SWEEP_RUN_ARGS CPUS_PER_TASK

read -r -a extra <<<"${SBATCH_OPTS:-}"
plan_job=$(sbatch --parsable --export=ALL "${extra[@]}" \
  --output="$RUN_ROOT/logs/plan-%j.out" \
  "$here/adaptive-plan.sbatch")
plan_job=${plan_job%%;*}
echo "submitted the first planning job: $plan_job"
echo "PLAN_JOB=$plan_job"
