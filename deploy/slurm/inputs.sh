# Sourced by submit.sh and adaptive.sh: checks CONFIG, RUN_ROOT and SHARDS,
# makes CONFIG and RUN_ROOT absolute (the jobs may start in another
# directory than ours: --chdir, site defaults), creates RUN_ROOT/logs, and
# sets EOS_SWEEP to this checkout's built CLI when it is not given.
# Expects `here` to be the directory of the scripts.
: "${CONFIG:?set CONFIG to the sweep config file}"
: "${RUN_ROOT:?set RUN_ROOT to the directory for the run}"
: "${SHARDS:?set SHARDS to the number of shards}"
[[ $SHARDS =~ ^[1-9][0-9]*$ ]] || {
  echo "SHARDS must be a positive integer, got '$SHARDS'" >&2
  exit 2
}
[ -f "$CONFIG" ] || {
  echo "CONFIG $CONFIG: no such file" >&2
  exit 2
}
CONFIG=$(realpath "$CONFIG")
mkdir -p "$RUN_ROOT/logs"
RUN_ROOT=$(realpath "$RUN_ROOT")
if [ -z "${EOS_SWEEP:-}" ]; then
  cli="$here/../../apps/cli/dist/main.js"
  if [ -f "$cli" ]; then EOS_SWEEP="node $(realpath "$cli")"; else EOS_SWEEP=eos-sweep; fi
fi
