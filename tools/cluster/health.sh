#!/usr/bin/env bash
# `make cluster-health`: which parts of the cluster are up, and the API's own health report.
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

CLUSTER_DIR=$(realpath -m "${CLUSTER_DIR:-$ROOT/.cluster/stack}")
PIDS=$CLUSTER_DIR/run
[[ -f $CLUSTER_DIR/cluster.env ]] || { echo "no cluster in $CLUSTER_DIR (make cluster)"; exit 1; }
source "$CLUSTER_DIR/cluster.env"
status=0
for file in "$PIDS"/*.pid; do
    [[ -f $file ]] || continue
    if group_alive "$(< "$file")"; then state=up; else state=DOWN; status=1; fi
    printf '%-14s %s\n' "$(basename "$file" .pid)" "$state"
done
if [[ -f $CLUSTER_DIR/postgres/postmaster.pid ]]; then echo "postgres       up (:$PG_PORT)"; else echo "postgres       DOWN"; status=1; fi
"$VENV_BIN/python" -c 'import sys, urllib.request; print(urllib.request.urlopen(sys.argv[1], timeout=5).read().decode())' \
    "http://127.0.0.1:$API_PORT/api/v2/monitor/health" || status=1
exit $status
