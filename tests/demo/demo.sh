#!/usr/bin/env bash
# The operator's main job end to end on an embedded default: a real kube-apiserver + etcd, the JD Cloud simulator,
# the BlueKing CMDB simulator, the CRD, the operator (webhook + controller), a sample JdCloudPod applied and watched
# until Ready and registered in CMDB, then an image change rolled through in place.
#
#   make demo                      run it, print the result, stop everything
#   KEEP=1 make demo               leave everything running (prints how to reach it and how to stop it)
#   SAMPLE=config/samples/valid/full.yaml make demo
#   DEMO_OPERATOR=operator/bin/aot/jdcloud-pod-operator make demo   (the Native AOT binary of make publish-aot)
#   DEMO_NO_BUILD=1 tests/demo/demo.sh   (the binaries are already built: the test suite's DemoScriptTests)
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT="$PWD"
CONFIG="${CONFIG:-Release}"
SAMPLE="${SAMPLE:-config/samples/valid/cmdb.yaml}"
WORK="${DEMO_DIR:-${TMPDIR:-/tmp}/jdpod-demo}"
# -m: the default binary is built below, so it need not exist yet; a DEMO_OPERATOR path is made absolute.
OPERATOR="$(realpath -m "${DEMO_OPERATOR:-$ROOT/operator/bin/$CONFIG/net10.0/jdcloud-pod-operator}")"
SIMULATOR="$ROOT/tests/JdCloudSimulator/bin/$CONFIG/net10.0/JdCloudSimulator"
CMDB_SIMULATOR="$ROOT/tests/CmdbSimulator/bin/$CONFIG/net10.0/CmdbSimulator"
step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }

cleanup() {
  [ "${KEEP:-0}" = 1 ] && return
  step "stopping what the demo started"
  [ -f "$WORK/operator.pid" ] && kill "$(cat "$WORK/operator.pid")" 2>/dev/null || true
  [ -f "$WORK/simulator.pid" ] && kill "$(cat "$WORK/simulator.pid")" 2>/dev/null || true
  [ -f "$WORK/cmdb.pid" ] && kill "$(cat "$WORK/cmdb.pid")" 2>/dev/null || true
  tests/control-plane/control-plane.sh stop "$WORK/cp" || true
}
trap cleanup EXIT

wait_for_line() { # file pattern seconds
  for _ in $(seq 1 $(( $3 * 10 ))); do grep -m1 -o "$2" "$1" 2>/dev/null && return 0; sleep 0.1; done
  echo "timed out waiting for '$2' in $1:" >&2; tail -20 "$1" >&2; return 1
}

step "preparing: kube-apiserver and etcd (built once from Debian sources, then cached), kubectl, .NET build"
tests/control-plane/control-plane.sh ensure >/dev/null
command -v kubectl >/dev/null || tests/control-plane/control-plane.sh packages kubernetes-client
[ "${DEMO_NO_BUILD:-0}" = 1 ] || dotnet build Operator.sln -c "$CONFIG" -nologo -v q >/dev/null

rm -rf "$WORK"; mkdir -p "$WORK"
step "starting the local control plane"
tests/control-plane/control-plane.sh start "$WORK/cp"
export KUBECONFIG="$WORK/cp/kubeconfig"

step "starting the JD Cloud simulator (pods boot in 2 s; stop, rebuild and start take 1 s each)"
"$SIMULATOR" --port 0 --boot-delay 2s --stop-delay 1s --rebuild-delay 1s --start-delay 1s --resize-delay 1s >"$WORK/simulator.log" 2>&1 &
echo $! >"$WORK/simulator.pid"
SIM_URL="$(wait_for_line "$WORK/simulator.log" 'http://127\.0\.0\.1:[0-9]*' 30)"
echo "simulator: $SIM_URL"

step "starting the BlueKing CMDB simulator (business 2, cluster 5, namespace 12, node 31, workload pods/77)"
"$CMDB_SIMULATOR" --urls http://127.0.0.1:0 >"$WORK/cmdb.log" 2>&1 &
echo $! >"$WORK/cmdb.pid"
CMDB_BASE="$(wait_for_line "$WORK/cmdb.log" 'http://127\.0\.0\.1:[0-9]*' 30 | head -1)"
echo "CMDB simulator: $CMDB_BASE (gateway $CMDB_BASE/api/bk-cmdb)"

step "installing the CRD"
kubectl apply --validate=false -f crds/ >/dev/null
# Polled, not `kubectl wait`: kubectl 1.20's wait fails at once while the new CRD has no conditions yet.
established() { [ "$(kubectl get crd jdcloudpods.jdcloudpod.io -o 'jsonpath={.status.conditions[?(@.type=="Established")].status}')" = True ]; }
for _ in $(seq 1 120); do established && break; sleep 0.5; done
established || { echo "the CRD jdcloudpods.jdcloudpod.io is not Established after 60 s" >&2; exit 1; }
echo "customresourcedefinition.apiextensions.k8s.io/jdcloudpods.jdcloudpod.io condition met"

step "running the operator (webhook registered with its own CA, controller, leader election)"
{ read -r WEBHOOK_PORT; read -r HEALTH_PORT; } < <(tests/control-plane/control-plane.sh free-ports 2)
"$OPERATOR" run --kubeconfig "$KUBECONFIG" --address 127.0.0.1 --webhook-port "$WEBHOOK_PORT" --health-port "$HEALTH_PORT" \
  --register url --jdcloud-endpoint "$SIM_URL" --leader-election-namespace default \
  --cmdb-url "$CMDB_BASE/api/bk-cmdb" --cmdb-credentials-secret default/cmdb-credentials \
  --cmdb-biz-id 2 --cmdb-cluster-id 5 --cmdb-namespace-id 12 --cmdb-node-id 31 --cmdb-host-id 1001 \
  --cmdb-workload pods/77 --cmdb-operators admin >"$WORK/operator.log" 2>&1 &
echo $! >"$WORK/operator.pid"
for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:$HEALTH_PORT/readyz" >/dev/null && break; sleep 0.1; done
curl -sf "http://127.0.0.1:$HEALTH_PORT/readyz" >/dev/null || { tail -30 "$WORK/operator.log"; exit 1; }
echo "operator ready (health: http://127.0.0.1:$HEALTH_PORT/readyz, log: $WORK/operator.log)"

# The operator's CMDB app credentials (the simulator's app), read through the API by --cmdb-credentials-secret.
kubectl create secret generic cmdb-credentials --from-literal=bk_app_code=jdcloud-pod-operator \
  --from-literal=bk_app_secret=simulator-secret --from-literal=bk_username=admin --dry-run=client -o yaml | kubectl apply -f - >/dev/null

step "the webhook refuses a resource that breaks a cross-field rule"
kubectl apply -f config/samples/invalid/primary-ip-with-max-count-3.yaml 2>&1 | sed 's/^/  /' || true

step "applying $SAMPLE (with the simulator's key pair in the credentials Secret)"
kubectl create secret generic jdcloud-credentials --from-literal=accessKey=JDSIM-ACCESS-KEY \
  --from-literal=secretKey=JDSIM-SECRET-KEY --dry-run=client -o yaml | kubectl apply -f -
# Only the JdCloudPod documents of the sample: its Secret holds placeholders.
awk 'BEGIN{RS="\n---\n"} /kind: JdCloudPod/ {print "---"; print}' "$SAMPLE" | kubectl apply -f -
NAMES="$(awk 'BEGIN{RS="\n---\n"} /kind: JdCloudPod/' "$SAMPLE" | awk '/^metadata:/{m=1} m && /^  name:/{print $2; m=0}')"

step "waiting until Ready"
for n in $NAMES; do kubectl wait --for=condition=Ready "jdcloudpod/$n" --timeout=120s; done

step "waiting until registered in CMDB (resources with spec.cmdb.enabled)"
for n in $NAMES; do
  [ "$(kubectl get jdcloudpod "$n" -o jsonpath='{.spec.cmdb.enabled}')" = true ] || continue
  kubectl wait --for=condition=CmdbRegistered "jdcloudpod/$n" --timeout=60s
done

FIRST="$(echo "$NAMES" | head -1)"
IMAGE="$(kubectl get jdpod "$FIRST" -o jsonpath='{.spec.podSpec.containers[0].image}')"
NEW_IMAGE="${IMAGE%:*}:1.28"
step "changing the image of $FIRST to $NEW_IMAGE: the pods are updated in place (stop, rebuild, start) and keep their IDs"
echo "pod IDs before: $(kubectl get jdpod "$FIRST" -o jsonpath='{.status.podIds}')"
kubectl patch jdpod "$FIRST" --type json -p "[{\"op\":\"replace\",\"path\":\"/spec/podSpec/containers/0/image\",\"value\":\"$NEW_IMAGE\"}]"
rolled_out() { # generation observed, every pod updated, no rollout left, Ready
  [ "$(kubectl get jdpod "$1" -o jsonpath='{.metadata.generation}={.status.observedGeneration} {.status.updatedCount}={.spec.maxCount} {.status.rollout} {.status.conditions[?(@.type=="Ready")].status}')" \
    = "$(kubectl get jdpod "$1" -o jsonpath='{.metadata.generation}={.metadata.generation} {.spec.maxCount}={.spec.maxCount}  True')" ]
}
echo "  $(kubectl get jdpod "$FIRST" | head -1 | awk '{$NF=""; print}')"
LAST=""
for _ in $(seq 1 240); do
  # A line each time something but the age changes.
  LINE="$(kubectl get jdpod "$FIRST" --no-headers 2>/dev/null | awk '{$NF=""; print}' || true)"
  [ "$LINE" != "$LAST" ] && echo "  $LINE" && LAST="$LINE"
  rolled_out "$FIRST" && break
  sleep 0.5
done
rolled_out "$FIRST" || { echo "the rollout did not finish:"; kubectl get jdpod "$FIRST" -o jsonpath='{.status}'; exit 1; }
echo "pod IDs after:  $(kubectl get jdpod "$FIRST" -o jsonpath='{.status.podIds}') (revision $(kubectl get jdpod "$FIRST" -o jsonpath='{.status.updateRevision}'))"

step "kubectl get jdpod -o wide"
kubectl get jdpod -o wide
step "events"
kubectl get events --field-selector involvedObject.kind=JdCloudPod --sort-by=.lastTimestamp 2>/dev/null \
  || kubectl get events --sort-by=.lastTimestamp
step "status of $(echo "$NAMES" | head -1)"
kubectl get jdpod "$(echo "$NAMES" | head -1)" -o jsonpath='{.status}' | python3 -m json.tool
step "pods in the CMDB simulator (GET $CMDB_BASE/_sim/pods)"
curl -s "$CMDB_BASE/_sim/pods" | python3 -c 'import json,sys
for p in json.load(sys.stdin):
    print("  CMDB id %s  name %s  ip %s  bk_biz_id %s  containers %s" % (p["id"], p["name"], p.get("ip"), p["bk_biz_id"], [c["container_uid"] for c in p["containers"]]))'

if [ "${KEEP:-0}" = 1 ]; then
  step "left running"
  echo "export KUBECONFIG=$KUBECONFIG"
  echo "stop: kill \$(cat $WORK/operator.pid) \$(cat $WORK/simulator.pid) \$(cat $WORK/cmdb.pid); tests/control-plane/control-plane.sh stop $WORK/cp"
else
  step "deleting the resource: the operator deletes its cloud pods, then releases the finalizer"
  for n in $NAMES; do kubectl delete jdcloudpod "$n" --timeout=120s; done
  echo "pods left in the CMDB simulator: $(curl -s "$CMDB_BASE/_sim/pods" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')"
fi
