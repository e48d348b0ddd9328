#!/usr/bin/env bash
# PostgreSQL and Redis from Debian's packages, for `make cluster` (run as root;
# does nothing when both are already installed). Services are not started:
# the cluster scripts run their own private instances.
set -euo pipefail
need=()
compgen -G "/usr/lib/postgresql/*/bin/initdb" > /dev/null || need+=(postgresql)
command -v redis-server > /dev/null || need+=(redis-server)
if ((${#need[@]})); then
    if ((EUID != 0)); then
        echo "make cluster-packages: ${need[*]} missing; as root: apt-get install ${need[*]} (until then the cluster test is skipped, or fails on CI)" >&2
        exit 0
    fi
    echo "installing ${need[*]} from Debian's packages"
    export DEBIAN_FRONTEND=noninteractive
    # Debian's packages start their default instances (PostgreSQL on 5432, Redis
    # on 6379) unless policy-rc.d says no; we run private ones only
    policy=/usr/sbin/policy-rc.d
    if [[ ! -e $policy ]]; then
        printf '#!/bin/sh\nexit 101\n' > "$policy"
        chmod +x "$policy"
        trap 'rm -f "$policy"' EXIT
    fi
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${need[@]}" > /dev/null
fi
