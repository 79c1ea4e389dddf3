#!/usr/bin/env bash
# A real Kubernetes control plane (kube-apiserver + etcd) on loopback, for tests and the demo.
#
#   control-plane.sh ensure        make sure kube-apiserver and etcd exist; print the folder that holds them
#   control-plane.sh start DIR     start both, write DIR/kubeconfig, DIR/env and the admin/user tokens
#   control-plane.sh restart DIR   restart kube-apiserver with the same flags; etcd and its data stay
#   control-plane.sh stop DIR      stop what start DIR started and remove its data
#   control-plane.sh packages P... install Debian packages that are missing (apt, through sudo when not root)
#   control-plane.sh free-ports N  print N distinct loopback ports that are free, below the ephemeral range
#
# Binaries, in the envtest convention: $KUBEBUILDER_ASSETS when it holds kube-apiserver and etcd; otherwise a cache
# under ${XDG_CACHE_HOME:-~/.cache}/jdcloud-pod-operator, built once from Debian's kubernetes source package
# (kube-apiserver) and Debian's etcd-server package. The cache is keyed by the source version.
set -euo pipefail

CACHE_ROOT="${XDG_CACHE_HOME:-$HOME/.cache}/jdcloud-pod-operator"
log() { echo "control-plane: $*" >&2; }

have_assets() { [ -n "${1:-}" ] && [ -x "$1/kube-apiserver" ] && [ -x "$1/etcd" ]; }

# apt as root, or through sudo for a developer's own account.
SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
apt_updated=""
apt_install() {
  local missing=()
  for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ -z "$apt_updated" ]; then $SUDO apt-get update -qq >&2; apt_updated=1; fi
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >&2
}

enable_deb_src() {
  if ! grep -rqs "^Types:.*deb-src" /etc/apt/sources.list.d/ 2>/dev/null; then
    $SUDO tee /etc/apt/sources.list.d/jdcloud-pod-operator-src.sources >/dev/null <<'EOF'
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: bookworm
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF
    apt_updated=""
  fi
  # Update the lists only when the source package is not known yet: a test run should not need the apt lock.
  if [ -z "$apt_updated" ] && ! apt-cache showsrc kubernetes 2>/dev/null | grep -q '^Version:'; then
    $SUDO apt-get update -qq >&2; apt_updated=1
  fi
}

build_apiserver() {
  local out="$1" work
  enable_deb_src
  apt_install golang-go rsync jq golang-github-modern-go-reflect2-dev dpkg-dev
  work="$(mktemp -d "${TMPDIR:-/tmp}/k8s-src.XXXXXX")"
  log "building kube-apiserver from Debian's kubernetes source in $work (about 4 minutes)"
  (cd "$work" && apt-get source -qq kubernetes >&2)
  local src; src="$(find "$work" -maxdepth 1 -mindepth 1 -type d -name 'kubernetes-*' | head -1)"
  # The vendored reflect2 1.0.1 crashes under Go >= 1.18; Debian's 1.0.2 is the fix.
  local r2="$src/vendor/github.com/modern-go/reflect2"
  find "$r2" -maxdepth 1 \( -name '*.go' -o -name '*.s' \) -delete
  cp /usr/share/gocode/src/github.com/modern-go/reflect2/*.go "$r2/"
  cp /usr/share/gocode/src/github.com/modern-go/reflect2/*.s "$r2/" 2>/dev/null || true
  # Built with Go >= 1.18, the vendored OpenAPI type validators take every empty string for null (two zero
  # reflect.Values compare equal), so "" would be refused where the real 1.20 accepts it. For decoded JSON only nil
  # is null. See docs/local-control-plane.md.
  local tv
  for tv in "$src/vendor/k8s.io/kube-openapi/pkg/validation/validate/type.go" \
            "$src/vendor/github.com/go-openapi/validate/type.go"; do
    [ -f "$tv" ] || continue
    sed -i 's/if data == nil || reflect.DeepEqual(reflect.Zero(reflect.TypeOf(data)), reflect.ValueOf(data)) {/if data == nil {/' "$tv"
    grep -q 'reflect.DeepEqual(reflect.Zero(reflect.TypeOf(data))' "$tv" && { log "empty-string fix did not apply to $tv"; exit 1; }
  done
  mkdir -p "$src/_gopath/src/k8s.io" "$work/home"
  ln -sfn "$src" "$src/_gopath/src/k8s.io/kubernetes"
  (cd "$src/_gopath/src/k8s.io/kubernetes" && \
    GOPATH="$src/_gopath" GO111MODULE=off CGO_ENABLED=0 HOME="$work/home" GOCACHE="$work/gocache" \
    make WHAT=cmd/kube-apiserver >&2)
  install -m 0755 "$src/_output/local/bin/linux/amd64/kube-apiserver" "$out/kube-apiserver"
  rm -rf "$work"
}

ensure() {
  if have_assets "${KUBEBUILDER_ASSETS:-}"; then echo "$KUBEBUILDER_ASSETS"; return; fi
  apt_install etcd-server openssl curl
  local version
  version="$(apt-cache policy kubernetes 2>/dev/null | awk '/Candidate:/{print $2}')"
  if [ -z "$version" ] || [ "$version" = "(none)" ]; then enable_deb_src; version="$(apt-cache showsrc kubernetes | awk '/^Version:/{print $2; exit}')"; fi
  # The cache key names the source version and the local fixes (reflect2 1.0.2, empty strings are not null):
  # a build made before a fix is rebuilt.
  local dir="$CACHE_ROOT/k8s-$version-fix2"
  mkdir -p "$dir"
  if [ ! -x "$dir/kube-apiserver" ]; then
    exec 9>"$dir/.lock"; flock 9
    [ -x "$dir/kube-apiserver" ] || build_apiserver "$dir"
  fi
  ln -sfn /usr/bin/etcd "$dir/etcd"
  echo "$dir"
}

# N distinct loopback ports free right now, one a line, taken below the kernel's ephemeral range: a port from
# bind(0) is one the kernel may hand to any outgoing connection before etcd or the API server binds it ("address
# already in use" under load); below that range only a listener picking its own port can take it.
free_ports() {
  python3 - "$1" <<'PY'
import random, socket, sys
low, high = map(int, open("/proc/sys/net/ipv4/ip_local_port_range").read().split())
first, last = (max(1024, low - 12000), low - 1) if low > 3000 else (high + 1, 65535)
held = []
while len(held) < int(sys.argv[1]):
    s = socket.socket()
    try:
        s.bind(("127.0.0.1", random.randint(first, last)))
        held.append(s)
    except OSError:
        s.close()
for s in held:
    print(s.getsockname()[1])
    s.close()
PY
}

start() {
  local dir="$1" assets
  assets="$(ensure)"
  mkdir -p "$dir"; dir="$(cd "$dir" && pwd)"
  local etcd_port peer_port api_port
  { read -r etcd_port; read -r peer_port; read -r api_port; } < <(free_ports 3)
  openssl genrsa -out "$dir/sa.key" 2048 2>/dev/null
  openssl rsa -in "$dir/sa.key" -pubout -out "$dir/sa.pub" 2>/dev/null
  local admin_token user_token
  admin_token="$(openssl rand -hex 16)"; user_token="$(openssl rand -hex 16)"
  {
    echo "$admin_token,admin,admin-uid,\"system:masters\""
    echo "$user_token,jdcloud-pod-operator,operator-uid,\"operators\""
  } > "$dir/tokens.csv"
  "$assets/etcd" --data-dir "$dir/etcd-data" --listen-client-urls "http://127.0.0.1:$etcd_port" \
    --advertise-client-urls "http://127.0.0.1:$etcd_port" --listen-peer-urls "http://127.0.0.1:$peer_port" \
    --initial-advertise-peer-urls "http://127.0.0.1:$peer_port" --initial-cluster "default=http://127.0.0.1:$peer_port" \
    --name default --log-level error >"$dir/etcd.log" 2>&1 &
  echo $! > "$dir/etcd.pid"
  printf '%s\n' --etcd-servers "http://127.0.0.1:$etcd_port" --bind-address 127.0.0.1 \
    --advertise-address 127.0.0.1 --secure-port "$api_port" --insecure-port 0 --cert-dir "$dir/certs" \
    --token-auth-file "$dir/tokens.csv" --authorization-mode RBAC \
    --service-account-issuer https://kubernetes.default.svc --service-account-key-file "$dir/sa.pub" \
    --service-account-signing-key-file "$dir/sa.key" --service-cluster-ip-range 10.0.0.0/24 \
    --disable-admission-plugins ServiceAccount --v 0 > "$dir/apiserver.args"
  local url="https://127.0.0.1:$api_port"
  start_apiserver "$dir" "$assets" "$url" "$admin_token"
  write_kubeconfig "$dir/kubeconfig" "$url" "$admin_token" admin
  write_kubeconfig "$dir/kubeconfig-operator" "$url" "$user_token" jdcloud-pod-operator
  cat > "$dir/env" <<EOF
KUBECONFIG=$dir/kubeconfig
OPERATOR_KUBECONFIG=$dir/kubeconfig-operator
APISERVER_URL=$url
APISERVER_PID=$(cat "$dir/apiserver.pid")
ETCD_PID=$(cat "$dir/etcd.pid")
ASSETS=$assets
EOF
  log "ready at $url (kubeconfig: $dir/kubeconfig)"
}

# Starts kube-apiserver with the flags saved in DIR/apiserver.args and waits until it is ready.
start_apiserver() {
  local dir="$1" assets="$2" url="$3" token="$4" args
  mapfile -t args < "$dir/apiserver.args"
  "$assets/kube-apiserver" "${args[@]}" >>"$dir/apiserver.log" 2>&1 &
  echo $! > "$dir/apiserver.pid"
  for _ in $(seq 1 150); do
    if curl -ksf -H "Authorization: Bearer $token" "$url/readyz" >/dev/null 2>&1; then return 0; fi
    if ! kill -0 "$(cat "$dir/apiserver.pid")" 2>/dev/null; then log "kube-apiserver exited; see $dir/apiserver.log"; tail -20 "$dir/apiserver.log" >&2; exit 1; fi
    sleep 0.2
  done
  curl -ksf -H "Authorization: Bearer $token" "$url/readyz" >/dev/null || { log "not ready; see $dir/apiserver.log"; exit 1; }
}

stop_pid_file() {
  [ -f "$1" ] || return 0
  local pid; pid="$(cat "$1")"
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -9 "$pid" 2>/dev/null || true
}

# Watches break and the watch cache starts empty, as in a real control-plane upgrade; etcd keeps every object.
restart() {
  local dir; dir="$(cd "$1" && pwd)"
  [ -f "$dir/apiserver.args" ] || { log "no apiserver.args in $dir: was it started by this script?"; exit 1; }
  local url assets token
  url="$(sed -n 's/^APISERVER_URL=//p' "$dir/env")"; assets="$(sed -n 's/^ASSETS=//p' "$dir/env")"
  token="$(head -1 "$dir/tokens.csv" | cut -d, -f1)"
  stop_pid_file "$dir/apiserver.pid"
  start_apiserver "$dir" "$assets" "$url" "$token"
  sed -i "s/^APISERVER_PID=.*/APISERVER_PID=$(cat "$dir/apiserver.pid")/" "$dir/env"
  log "restarted at $url"
}

write_kubeconfig() {
  cat > "$1" <<EOF
apiVersion: v1
kind: Config
clusters:
- name: local
  cluster:
    server: $2
    insecure-skip-tls-verify: true
users:
- name: $4
  user:
    token: $3
contexts:
- name: local
  context: {cluster: local, user: $4, namespace: default}
current-context: local
EOF
}

stop() {
  local dir="$1"
  stop_pid_file "$dir/apiserver.pid"
  stop_pid_file "$dir/etcd.pid"
  rm -rf "$dir"
}

case "${1:-}" in
  ensure) ensure ;;
  packages) shift; apt_install "$@" ;;
  free-ports) free_ports "${2:?usage: control-plane.sh free-ports N}" ;;
  start) start "${2:?usage: control-plane.sh start DIR}" ;;
  restart) restart "${2:?usage: control-plane.sh restart DIR}" ;;
  stop) stop "${2:?usage: control-plane.sh stop DIR}" ;;
  *) sed -n '2,13p' "$0"; exit 2 ;;
esac
