"""Processes and listening sockets of the sessions the scripts started, read from /proc.

Every part is started in a session of its own (setsid), and task processes
stay in it even when they take a process group of their own, so a session id
names everything one part started, and nothing else.
"""
from __future__ import annotations

import ipaddress
import os
import signal
from pathlib import Path


def session_pids(sid: int) -> list[int]:
    """The live processes of session sid (a zombie has ended and holds nothing: left out)."""
    pids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if os.getsid(int(entry.name)) == sid and not _zombie(entry):
                    pids.append(int(entry.name))
            except OSError:
                continue
    return pids


def _zombie(proc: Path) -> bool:
    stat = (proc / "stat").read_text()
    return stat[stat.rindex(")") + 2] == "Z"


def kill_session(sid: int, sig: int = signal.SIGKILL) -> list[int]:
    """Send sig to the session's process group first, then to every process left in it."""
    try:
        os.killpg(sid, sig)
    except OSError:
        pass
    pids = session_pids(sid)
    for pid in pids:
        try:
            os.kill(pid, sig)
        except OSError:
            pass
    return pids


def pid_files(cluster_dir: Path) -> dict[str, int]:
    """name -> session id of every part up.sh started, PostgreSQL's postmaster included."""
    sids = {path.stem: int(path.read_text()) for path in (cluster_dir / "run").glob("*.pid")}
    postmaster = cluster_dir / "postgres" / "postmaster.pid"
    if postmaster.exists():
        sids["postgres"] = os.getsid(int(postmaster.read_text().split()[0]))
    return sids


def _listening_inodes() -> dict[str, tuple]:
    """socket inode -> (address, port) of every listening TCP socket on the machine."""
    found = {}
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            fields = line.split()
            if fields[3] != "0A":  # LISTEN
                continue
            address, port = fields[1].split(":")
            found[fields[9]] = (_address(address), int(port, 16))
    return found


def _address(hex_address: str):
    """/proc/net/tcp* print each 32-bit word of the address in host (little-endian) order."""
    raw = bytes.fromhex(hex_address)
    if len(raw) == 4:
        return ipaddress.IPv4Address(raw[::-1])
    return ipaddress.IPv6Address(b"".join(raw[i:i + 4][::-1] for i in range(0, 16, 4)))


def listening_addresses(sids) -> set[tuple]:
    """The (address, port) pairs that processes of these sessions listen on."""
    inodes = _listening_inodes()
    addresses = set()
    for sid in sids:
        for pid in session_pids(sid):
            try:
                fds = list(Path(f"/proc/{pid}/fd").iterdir())
            except OSError:
                continue
            for fd in fds:
                try:
                    target = os.readlink(fd)
                except OSError:
                    continue
                if target.startswith("socket:[") and target[8:-1] in inodes:
                    addresses.add(inodes[target[8:-1]])
    return addresses


def is_loopback(address) -> bool:
    mapped = getattr(address, "ipv4_mapped", None)
    return address.is_loopback or (mapped is not None and mapped.is_loopback)
