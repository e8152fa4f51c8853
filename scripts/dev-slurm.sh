#!/usr/bin/env bash
# A one-node Slurm cluster on this machine, for the cluster tests and for trying `u1x slurm` by hand.
#
#   scripts/dev-slurm.sh up      start munged, slurmctld and slurmd (idempotent: a running cluster is kept)
#   scripts/dev-slurm.sh down    cancel every job, stop the daemons this script started (by their pid files)
#   scripts/dev-slurm.sh env     print the export line clients need (SLURM_CONF)
#
# Everything lives under one directory, $U1X_SLURM_DIR (default /tmp/u1x-slurm): slurm.conf, the pid
# files, logs, state and the munge socket; nothing in /etc is written. Clients (sbatch, squeue, u1x slurm)
# find the cluster through SLURM_CONF=$U1X_SLURM_DIR/slurm.conf. Needs root (Slurm runs as root here)
# and the Debian packages slurmctld slurmd slurm-client munge (installed by .ci/run). No systemd: the
# daemons are started directly. Configuration keys and pitfalls: ../shared/notes/slurm-single-node.md.
set -euo pipefail

STATE="${U1X_SLURM_DIR:-/tmp/u1x-slurm}"
CONF="$STATE/slurm.conf"
MUNGE_DIR="$STATE/munge"
MUNGE_SOCKET="$MUNGE_DIR/munge.socket"
export SLURM_CONF="$CONF"

say() { printf 'dev-slurm: %s\n' "$*" >&2; }
die() {
  say "$*"
  exit 1
}

# The pid in a pid file, if that process is alive.
alive_pid() {
  local f="$1" pid
  [[ -s "$f" ]] || return 1
  pid="$(tr -dc '0-9' <"$f")"
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null && printf '%s' "$pid"
}

wait_for() { # seconds, command...
  local deadline=$((SECONDS + $1))
  shift
  until "$@" >/dev/null 2>&1; do
    ((SECONDS < deadline)) || return 1
    sleep 0.2
  done
}

munge_ok() { munge -n -S "$MUNGE_SOCKET" | unmunge -S "$MUNGE_SOCKET"; }
node_idle() { [[ "$(sinfo -h -o %T 2>/dev/null | head -1)" =~ ^(idle|mixed|allocated) ]]; }

start_munge() {
  if alive_pid "$MUNGE_DIR/munged.pid" >/dev/null && munge_ok >/dev/null 2>&1; then return; fi
  command -v munged >/dev/null || die "munged not found: apt-get install slurmctld slurmd slurm-client munge"
  local key=/etc/munge/munge.key
  if [[ ! -s "$key" ]]; then
    mkdir -p /etc/munge
    mungekey --create --keyfile="$key"
  fi
  chown munge:munge "$key"
  chmod 0400 "$key"
  install -d -o munge -g munge -m 0755 "$MUNGE_DIR"
  rm -f "$MUNGE_SOCKET" "$MUNGE_SOCKET.lock"
  runuser -u munge -- /usr/sbin/munged --socket="$MUNGE_SOCKET" --pid-file="$MUNGE_DIR/munged.pid" \
    --log-file="$MUNGE_DIR/munged.log" --seed-file="$MUNGE_DIR/munged.seed" --key-file="$key"
  wait_for 10 munge_ok || die "munged did not come up (see $MUNGE_DIR/munged.log)"
}

write_conf() {
  local host node mem
  host="$(hostname -s)"
  getent hosts "$host" >/dev/null || echo "127.0.0.1 $host" >>/etc/hosts
  # The node as slurmd sees it, with RealMemory lowered: more than slurmd detects drains the node.
  node="$(slurmd -C | head -1)"
  mem="$(sed -n 's/.*RealMemory=\([0-9]*\).*/\1/p' <<<"$node")"
  node="$(sed "s/RealMemory=[0-9]*/RealMemory=$((mem > 1024 ? mem - 512 : mem))/" <<<"$node")"
  cat >"$CONF.tmp" <<EOF
# Written by u1x scripts/dev-slurm.sh: a one-node cluster without systemd or cgroups.
ClusterName=u1x-dev
SlurmctldHost=$host
SlurmUser=root
AuthType=auth/munge
AuthInfo=socket=$MUNGE_SOCKET
CredType=cred/munge
StateSaveLocation=$STATE/ctld
SlurmdSpoolDir=$STATE/spool
SlurmctldPidFile=$STATE/slurmctld.pid
SlurmdPidFile=$STATE/slurmd.pid
SlurmctldLogFile=$STATE/slurmctld.log
SlurmdLogFile=$STATE/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/filetxt
JobCompLoc=$STATE/jobcomp.txt
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
SchedulerParameters=kill_invalid_depend,batch_sched_delay=0
MpiDefault=none
MailProg=/bin/true
ReturnToService=2
$node
PartitionName=debug Nodes=ALL Default=YES MaxTime=INFINITE State=UP
EOF
  mv "$CONF.tmp" "$CONF"
}

up() {
  [[ "$(id -u)" == 0 ]] || die "needs root (the daemons run as root)"
  command -v slurmctld >/dev/null && command -v slurmd >/dev/null && command -v sbatch >/dev/null ||
    die "Slurm not installed: apt-get install -y --no-install-recommends slurmctld slurmd slurm-client munge"
  mkdir -p "$STATE/ctld" "$STATE/spool"
  start_munge
  if alive_pid "$STATE/slurmctld.pid" >/dev/null && alive_pid "$STATE/slurmd.pid" >/dev/null && node_idle; then
    say "already up ($CONF)"
    return
  fi
  write_conf
  alive_pid "$STATE/slurmctld.pid" >/dev/null || slurmctld -c -f "$CONF"
  alive_pid "$STATE/slurmd.pid" >/dev/null || slurmd -f "$CONF"
  wait_for 30 node_idle || die "the node did not become idle (see $STATE/slurmctld.log, $STATE/slurmd.log; sinfo: $(sinfo -h -o '%T %E' 2>&1 | head -1))"
  say "up: $(sinfo -h -o '%P %D %T %c CPUs' | head -1) ($CONF)"
}

down() {
  if alive_pid "$STATE/slurmctld.pid" >/dev/null; then
    scancel --full --quiet --user=root 2>/dev/null || true
    scancel --quiet --user=root 2>/dev/null || true
    wait_for 15 test -z "$(squeue -h -o %i 2>/dev/null)" || say "jobs still listed after scancel: $(squeue -h -o '%i %T' | tr '\n' ' ')"
    scontrol shutdown >/dev/null 2>&1 || true
  fi
  for f in "$STATE/slurmd.pid" "$STATE/slurmctld.pid" "$MUNGE_DIR/munged.pid"; do
    local pid
    pid="$(alive_pid "$f")" || continue
    kill "$pid" 2>/dev/null || true
    wait_for 10 bash -c "! kill -0 $pid" || kill -9 "$pid" 2>/dev/null || true
  done
  say "down"
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  env) printf 'export SLURM_CONF=%q\n' "$CONF" ;;
  *)
    echo "usage: $0 up|down|env" >&2
    exit 2
    ;;
esac
