#!/usr/bin/env bash
# `make cluster-down`: stops exactly what up.sh started (its process groups and
# its PostgreSQL), workers first. CLEAN=1 also deletes the cluster folder.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

CLUSTER_DIR=$(realpath -m "${CLUSTER_DIR:-$ROOT/.cluster/stack}")
PIDS=$CLUSTER_DIR/run
if [[ -d $PIDS ]]; then
    for file in "$PIDS"/worker-*.pid; do
        [[ -f $file ]] && stop_group "$(basename "$file" .pid)"
    done
    for name in scheduler dag-processor api-server redis; do
        stop_group "$name"
    done
fi
pgdata=$CLUSTER_DIR/postgres
if [[ -f $pgdata/postmaster.pid ]]; then
    PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
    if ((EUID == 0)); then
        runuser -u postgres -- "$PGBIN/pg_ctl" -D "$pgdata" -m fast -w stop > /dev/null || true
    else
        "$PGBIN/pg_ctl" -D "$pgdata" -m fast -w stop > /dev/null || true
    fi
fi
if [[ ${CLEAN:-} == 1 ]]; then
    rm -rf "$CLUSTER_DIR"
    echo "cluster stopped and $CLUSTER_DIR deleted"
else
    echo "cluster stopped; data kept in $CLUSTER_DIR"
fi
