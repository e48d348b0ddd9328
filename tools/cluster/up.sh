#!/usr/bin/env bash
# `make cluster`: a production-shaped Airflow on this machine. PostgreSQL as the
# metadata DB, Redis as the Celery broker, CeleryExecutor, a scheduler, a
# dag-processor, an api-server and CLUSTER_WORKERS (2) Celery workers with one
# slot each. Everything listens on 127.0.0.1 only and keeps its data under
# CLUSTER_DIR (.cluster/stack); `make cluster-down` stops exactly what this started.
# Settings of the environment (EVENTLINE_*, AIRFLOW__*) reach every part.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

CLUSTER_DIR=$(realpath -m "${CLUSTER_DIR:-$ROOT/.cluster/stack}")
WORKERS=${CLUSTER_WORKERS:-2}
PIDS=$CLUSTER_DIR/run
LOGS=$CLUSTER_DIR/logs
mkdir -p "$PIDS" "$LOGS" "$CLUSTER_DIR/redis" "$CLUSTER_DIR/airflow"
chmod 755 "$CLUSTER_DIR"

for file in "$PIDS"/*.pid; do
    [[ -f $file ]] || continue
    if group_alive "$(< "$file")"; then
        echo "the cluster in $CLUSTER_DIR is already running ($(basename "$file" .pid) is up); make cluster-down first" >&2
        exit 1
    fi
    rm -f "$file"
done

PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2> /dev/null | sort -V | tail -n 1)
if [[ -z $PGBIN ]] || ! command -v redis-server > /dev/null; then
    echo "PostgreSQL or Redis is missing: run 'make cluster-packages' (as root) first" >&2
    exit 1
fi

# secrets once per cluster folder; ports anew at every start (whatever is free)
secrets=$CLUSTER_DIR/secrets.env
if [[ ! -f $secrets ]]; then
    (
        umask 077
        "$VENV_BIN/python" - > "$secrets" << 'PY'
import base64, os, secrets
for name in ("PG_SUPER_PASSWORD", "PG_PASSWORD", "REDIS_PASSWORD", "JWT_SECRET", "API_SECRET_KEY"):
    print(f"{name}={secrets.token_hex(16)}")
print(f"FERNET_KEY={base64.urlsafe_b64encode(os.urandom(32)).decode()}")
PY
    )
fi
source "$secrets"
PG_PORT=$(free_port)
REDIS_PORT=$(free_port)
API_PORT=$(free_port)
while [[ $REDIS_PORT == "$PG_PORT" || $API_PORT == "$PG_PORT" || $API_PORT == "$REDIS_PORT" ]]; do API_PORT=$(free_port); REDIS_PORT=$(free_port); done

env_file=$CLUSTER_DIR/cluster.env
(
    umask 077
    cat > "$env_file" << ENV
# written by tools/cluster/up.sh: \`source\` it to use the airflow CLI against this cluster
export CLUSTER_DIR=$CLUSTER_DIR
export PG_PORT=$PG_PORT REDIS_PORT=$REDIS_PORT API_PORT=$API_PORT
export AIRFLOW_HOME=$CLUSTER_DIR/airflow
export AIRFLOW__CORE__DAGS_FOLDER=$ROOT/dags
export AIRFLOW__CORE__LOAD_EXAMPLES=False
export AIRFLOW__CORE__EXECUTOR=airflow.providers.celery.executors.celery_executor.CeleryExecutor
export AIRFLOW__CORE__FERNET_KEY=$FERNET_KEY
export AIRFLOW__CORE__HOSTNAME_CALLABLE=cluster_hostname.hostname
export AIRFLOW__DATABASE__SQL_ALCHEMY_CONN=postgresql+psycopg2://airflow:$PG_PASSWORD@127.0.0.1:$PG_PORT/airflow
export AIRFLOW__CELERY__BROKER_URL=redis://:$REDIS_PASSWORD@127.0.0.1:$REDIS_PORT/0
export AIRFLOW__CELERY__RESULT_BACKEND=db+postgresql://airflow:$PG_PASSWORD@127.0.0.1:$PG_PORT/airflow
export AIRFLOW__CELERY__WORKER_CONCURRENCY=1
export AIRFLOW__API__HOST=127.0.0.1
export AIRFLOW__API__PORT=$API_PORT
export AIRFLOW__API__BASE_URL=http://localhost:$API_PORT
export AIRFLOW__API__SECRET_KEY=$API_SECRET_KEY
export AIRFLOW__API_AUTH__JWT_SECRET=$JWT_SECRET
export AIRFLOW__CORE__EXECUTION_API_SERVER_URL=http://127.0.0.1:$API_PORT/execution/
export PYTHONPATH=$ROOT:$TOOLS
export PATH=$TOOLS/bin:$VENV_BIN:\$PATH
ENV
)
source "$env_file"

fail() {
    echo "make cluster: $1" >&2
    [[ -n ${2:-} && -f $2 ]] && tail -n 30 "$2" >&2
    CLUSTER_DIR=$CLUSTER_DIR "$TOOLS/down.sh" >&2 || true
    exit 1
}

# PostgreSQL: a private data folder and socket; initdb and the server run as
# the postgres user when we are root (PostgreSQL refuses to run as root)
as_pg() {
    if ((EUID == 0)); then runuser -u postgres -- "$@"; else "$@"; fi
}
pgdata=$CLUSTER_DIR/postgres
pgrun=$CLUSTER_DIR/postgres-run
mkdir -p "$pgrun"
touch "$LOGS/postgres.log"
if ((EUID == 0)); then chown postgres: "$pgrun" "$LOGS/postgres.log"; fi
if [[ ! -f $pgdata/PG_VERSION ]]; then
    mkdir -p "$pgdata"
    pwfile=$pgrun/pwfile
    (umask 077 && echo "$PG_SUPER_PASSWORD" > "$pwfile")
    if ((EUID == 0)); then chown postgres: "$pgdata" "$pwfile"; fi
    chmod 700 "$pgdata"
    as_pg "$PGBIN/initdb" -D "$pgdata" -U postgres --auth=scram-sha-256 --pwfile="$pwfile" -E UTF8 --locale=C.UTF-8 \
        > "$LOGS/initdb.log" 2>&1 || fail "initdb failed" "$LOGS/initdb.log"
    rm -f "$pwfile"
fi
as_pg "$PGBIN/pg_ctl" -D "$pgdata" -l "$LOGS/postgres.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -k $pgrun" start > /dev/null || fail "PostgreSQL did not start" "$LOGS/postgres.log"
psql_super() {
    PGPASSWORD=$PG_SUPER_PASSWORD "$PGBIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -v ON_ERROR_STOP=1 -qtA "$@"
}
if [[ -z $(psql_super -c "SELECT 1 FROM pg_roles WHERE rolname = 'airflow'") ]]; then
    psql_super -c "CREATE ROLE airflow LOGIN PASSWORD '$PG_PASSWORD'" > /dev/null
    psql_super -c "CREATE DATABASE airflow OWNER airflow" > /dev/null
fi

# Redis: the broker, on 127.0.0.1 with a password, no persistence
(
    umask 077
    cat > "$CLUSTER_DIR/redis/redis.conf" << CONF
bind 127.0.0.1
port $REDIS_PORT
protected-mode yes
requirepass $REDIS_PASSWORD
dir $CLUSTER_DIR/redis
save ""
appendonly no
daemonize no
CONF
)
start_group redis "$LOGS/redis.log" redis-server "$CLUSTER_DIR/redis/redis.conf"

airflow db migrate > "$LOGS/migrate.log" 2>&1 || fail "airflow db migrate failed" "$LOGS/migrate.log"

start_group scheduler "$LOGS/scheduler.log" airflow scheduler
start_group dag-processor "$LOGS/dag-processor.log" airflow dag-processor
start_group api-server "$LOGS/api-server.log" airflow api-server
for i in $(seq 1 "$WORKERS"); do
    EVENTLINE_WORKER_NAME=worker-$i start_group "worker-$i" "$LOGS/worker-$i.log" \
        airflow celery worker --celery-hostname "worker-$i@%h" --concurrency 1
done

PYTHONPATH=$TOOLS "$VENV_BIN/python" -c "
from api import AirflowAPI
AirflowAPI('http://127.0.0.1:$API_PORT', '').wait_healthy(180)
" || fail "the API server did not report a healthy scheduler and dag-processor in 180 s" "$LOGS/api-server.log"
for i in $(seq 1 "$WORKERS"); do
    for _ in $(seq 1 120); do
        grep -q "worker-$i@.* ready" "$LOGS/worker-$i.log" && break
        group_alive "$(< "$PIDS/worker-$i.pid")" || break
        sleep 1
    done
    grep -q "worker-$i@.* ready" "$LOGS/worker-$i.log" || fail "Celery worker-$i is not ready" "$LOGS/worker-$i.log"
done

cat << MSG
eventline cluster up in $CLUSTER_DIR (everything on 127.0.0.1):
  PostgreSQL :$PG_PORT   Redis :$REDIS_PORT   CeleryExecutor, scheduler, dag-processor, $WORKERS workers (1 slot each)
  UI     http://localhost:$API_PORT   login admin, password in $AIRFLOW_HOME/simple_auth_manager_passwords.json.generated
  CLI    source $env_file && airflow dags trigger eventline --conf '{"input_dir": "...", "warehouse_dir": "..."}'
  logs   $LOGS/
  stop   make cluster-down   (CLEAN=1 also deletes $CLUSTER_DIR)
MSG
