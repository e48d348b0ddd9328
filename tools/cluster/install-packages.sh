#!/usr/bin/env bash
# PostgreSQL and Redis from Debian's packages, for `make cluster` (run as root;
# does nothing when both are already installed). Services are not started:
# the cluster scripts run their own private instances.
set -euo pipefail
need=()
compgen -G "/usr/lib/postgresql/*/bin/initdb" > /dev/null || need+=(postgresql)
command -v redis-server > /dev/null || need+=(redis-server)
if ((${#need[@]})); then
    echo "installing ${need[*]} from Debian's packages"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${need[@]}" > /dev/null
fi
# the Debian packages may have started their own default instances; we use none
