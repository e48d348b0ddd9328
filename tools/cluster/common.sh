# Shared by the cluster and standalone scripts: paths, free ports, and starting
# and stopping process groups we own (one pid file per group, pid == pgid).
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
VENV_BIN="$ROOT/.venv/bin"
TOOLS="$ROOT/tools/cluster"

# a TCP port nobody listens on now (the kernel picks it)
free_port() {
    "$VENV_BIN/python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

port_busy() {
    "$VENV_BIN/python" -c 'import socket, sys; s = socket.socket(); sys.exit(s.connect_ex(("127.0.0.1", int(sys.argv[1]))) != 0)' "$1"
}

# start_group NAME LOGFILE CMD...: runs CMD in a new session; PIDS/NAME.pid holds its pgid
start_group() {
    local name=$1 log=$2
    shift 2
    setsid "$@" > "$log" 2>&1 < /dev/null &
    echo $! > "$PIDS/$name.pid"
}

# every process of session SID (we start each part with setsid, so SID is its
# pid): task processes put themselves in their own process group, not session
session_pids() {
    ps -eo pid=,sid=,stat= | awk -v sid="$1" '$2 == sid && $3 !~ /^Z/ { print $1 }'
}

group_alive() {
    [[ -n $(session_pids "$1") ]]
}

signal_session() {
    local pids
    pids=$(session_pids "$2")
    [[ -z $pids ]] || kill "-$1" $pids 2> /dev/null || true
}

# stop_group NAME [SIGNAL]: SIGNAL (TERM) to its process group, then KILL to
# whatever is left of its session after 20 s
stop_group() {
    local file="$PIDS/$1.pid" sig=${2:-TERM}
    [[ -f $file ]] || return 0
    local pgid
    pgid=$(< "$file")
    if group_alive "$pgid"; then
        kill "-$sig" -- "-$pgid" 2> /dev/null || true
        [[ $sig == KILL ]] && signal_session KILL "$pgid"
        for _ in $(seq 1 100); do
            group_alive "$pgid" || break
            sleep 0.2
        done
        if group_alive "$pgid"; then
            echo "$1 did not stop on SIG$sig; killing it"
            signal_session KILL "$pgid"
            sleep 0.5
        fi
    fi
    rm -f "$file"
}

# wait_http URL SECONDS: until URL answers 200
wait_http() {
    local url=$1 limit=$2
    for _ in $(seq 1 "$limit"); do
        if "$VENV_BIN/python" -c 'import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=2)' "$url" 2> /dev/null; then
            return 0
        fi
        sleep 1
    done
    return 1
}
