#!/usr/bin/env bash
# `make standalone`: `airflow standalone` (scheduler, dag-processor, triggerer,
# api-server, LocalExecutor, SQLite) on 127.0.0.1 and a free port.
# STANDALONE_PORT picks the port (8080 when free, else any free one);
# AIRFLOW_HOME is the project's .airflow/ unless set by the caller.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

export AIRFLOW_HOME=${AIRFLOW_HOME:-$ROOT/.airflow}
export AIRFLOW__CORE__DAGS_FOLDER=${AIRFLOW__CORE__DAGS_FOLDER:-$ROOT/dags}
export AIRFLOW__CORE__LOAD_EXAMPLES=False
# LocalExecutor starts `parallelism` worker processes up front (32 by default)
export AIRFLOW__CORE__PARALLELISM=${AIRFLOW__CORE__PARALLELISM:-4}
# the parts are started as `airflow` looked up on PATH: ours first
export PATH="$TOOLS/bin:$VENV_BIN:$PATH"

port=${STANDALONE_PORT:-}
if [[ -z $port ]]; then
    port=8080
    port_busy "$port" && port=$(free_port)
fi
export AIRFLOW__API__HOST=127.0.0.1
export AIRFLOW__API__PORT=$port
export AIRFLOW__API__BASE_URL="http://localhost:$port"
export AIRFLOW__CORE__EXECUTION_API_SERVER_URL="http://127.0.0.1:$port/execution/"
mkdir -p "$AIRFLOW_HOME"
passwords=${AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_PASSWORDS_FILE:-$AIRFLOW_HOME/simple_auth_manager_passwords.json.generated}

cat << MSG
eventline standalone Airflow
  UI:     http://localhost:$port  (listens on 127.0.0.1 only)
  login:  admin, password in $passwords (written at first start)
  home:   $AIRFLOW_HOME
  stop:   Ctrl-C
MSG
# Ctrl-C stops it with SIGTERM to its own process group: SIGINT to every part
# at once (a terminal's Ctrl-C) leaves the scheduler waiting on LocalExecutor
# workers that ignore it, while SIGTERM stops them all in a few seconds.
set -m
airflow standalone &
pid=$!
set +m
stopping=
trap 'stopping=1; kill -TERM -- "-$pid" 2> /dev/null' INT TERM
status=0
while kill -0 "$pid" 2> /dev/null; do
    wait "$pid" || status=$?
done
[[ -n $stopping ]] && exit 0
exit "$status"
