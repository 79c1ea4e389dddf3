-- Runs config/argocd/health.lua (path in arg[1]) the way Argo CD does (a global `obj`, the script returns the
-- health) over sample JdCloudPods, with Lua 5.1. Prints one line per case; exits 1 if any case fails.
local script = assert(arg[1], "usage: lua5.1 health-test.lua path/to/health.lua")
local chunk = assert(loadfile(script))

local function cond(type, status, reason, message)
  return { type = type, status = status, reason = reason, message = message }
end

local function pod(generation, annotations, status)
  return { apiVersion = "jdcloudpod.io/v1alpha1", kind = "JdCloudPod",
           metadata = { name = "web", namespace = "team-a", generation = generation, annotations = annotations },
           status = status }
end

local ready = { cond("Ready", "True", "AllPodsRunning", "2/2 pods running: pod-1, pod-2"),
                cond("Reconciling", "False", "Reconciled", "2/2 pods running"),
                cond("Stalled", "False", "NotStalled", "not stalled") }
local creating = { cond("Ready", "False", "Creating", "creating 2 pods"),
                   cond("Reconciling", "True", "Creating", "creating 2 pods"),
                   cond("Stalled", "False", "NotStalled", "not stalled") }
local stalled = { cond("Ready", "False", "InvalidArgument", "subnet subnet-x does not exist"),
                  cond("Reconciling", "False", "Reconciled", "stalled (InvalidArgument)"),
                  cond("Stalled", "True", "InvalidArgument", "subnet subnet-x does not exist") }
local settledNotReady = { cond("Ready", "False", "PodsNotRunning", "1/2 pods running; pod-2 is stopped"),
                          cond("Reconciling", "False", "Reconciled", "1/2 pods running"),
                          cond("Stalled", "False", "NotStalled", "not stalled") }
local retrying = { cond("Ready", "False", "CredentialsNotFound", "Secret team-a/creds was not found"),
                   cond("Reconciling", "True", "CredentialsNotFound", "Secret team-a/creds was not found"),
                   cond("Stalled", "False", "NotStalled", "not stalled") }

local rollingOut = { cond("Ready", "False", "RollingOut", "rolling out revision 3f2a9c01de: 1 of 3 pods updated; in progress: pod-2 Rebuild"),
                     cond("Reconciling", "True", "RollingOut", "rolling out revision 3f2a9c01de: 1 of 3 pods updated; in progress: pod-2 Rebuild"),
                     cond("Stalled", "False", "NotStalled", "not stalled") }
local deadline = "rolling out revision 9b1c7e22aa made no progress for 600s: 0 of 3 pods updated; in error: pod-1 (ErrImagePull)"
local rolloutStalled = { cond("Ready", "False", "ProgressDeadlineExceeded", deadline),
                         cond("Reconciling", "False", "Reconciled", "stalled (ProgressDeadlineExceeded)"),
                         cond("Stalled", "True", "ProgressDeadlineExceeded", deadline) }
local stopped = { cond("Ready", "True", "AllPodsStopped", "2 of 2 cloud pods stopped: pod-1, pod-2"),
                  cond("Reconciling", "False", "Reconciled", "2 of 2 cloud pods stopped"),
                  cond("Stalled", "False", "NotStalled", "not stalled") }

local cases = {
  { "ready for the current generation", pod(3, nil, { observedGeneration = 3, phase = "Running", conditions = ready }), "Healthy", "2/2 pods running" },
  { "no status yet", pod(1, nil, nil), "Progressing", "observe the resource" },
  { "status without observedGeneration", pod(1, nil, { conditions = ready }), "Progressing", "observe the resource" },
  { "ready, but for an older generation", pod(4, nil, { observedGeneration = 3, conditions = ready }), "Progressing", "generation 4" },
  { "creating", pod(1, nil, { observedGeneration = 1, phase = "Creating", conditions = creating }), "Progressing", "Creating: creating 2 pods" },
  { "retrying a fixable problem", pod(1, nil, { observedGeneration = 1, conditions = retrying }), "Progressing", "CredentialsNotFound" },
  { "stalled", pod(2, nil, { observedGeneration = 2, phase = "Failed", conditions = stalled }), "Degraded", "InvalidArgument: subnet subnet-x" },
  { "stalled beats an old Ready", pod(2, nil, { observedGeneration = 2, conditions = { ready[1], stalled[3] } }), "Degraded", "InvalidArgument" },
  { "settled but not ready", pod(2, nil, { observedGeneration = 2, phase = "Degraded", conditions = settledNotReady }), "Degraded", "PodsNotRunning" },
  { "observed, no conditions yet", pod(1, nil, { observedGeneration = 1 }), "Progressing", "Waiting" },
  { "paused", pod(5, { ["jdcloudpod.io/paused"] = "true" }, { observedGeneration = 3, phase = "Paused", conditions = ready }), "Suspended", "paused" },
  { "paused, written as ' True '", pod(1, { ["jdcloudpod.io/paused"] = " True " }, nil), "Suspended", "paused" },
  { "paused annotation set to false", pod(1, { ["jdcloudpod.io/paused"] = "false" }, { observedGeneration = 1, conditions = ready }), "Healthy", "running" },
  { "a podSpec change rolling out", pod(4, nil, { observedGeneration = 4, phase = "Updating", updatedCount = 1, conditions = rollingOut }), "Progressing", "RollingOut: rolling out revision 3f2a9c01de" },
  { "a spec just edited, not yet seen", pod(5, nil, { observedGeneration = 4, phase = "Running", conditions = ready }), "Progressing", "generation 5" },
  { "a rollout past its progress deadline", pod(4, nil, { observedGeneration = 4, phase = "Degraded", conditions = rolloutStalled }), "Degraded", "ProgressDeadlineExceeded: rolling out revision 9b1c7e22aa made no progress" },
  { "every pod stopped as runState asks", pod(2, nil, { observedGeneration = 2, phase = "Stopped", conditions = stopped }), "Healthy", "2 of 2 cloud pods stopped" },
  { "other annotations only", pod(1, { ["jdcloudpod.io/adopt-pod-ids"] = "pod-1" }, { observedGeneration = 1, conditions = creating }), "Progressing", "Creating" },
}

local failed = 0
for _, case in ipairs(cases) do
  local name, object, want, message = case[1], case[2], case[3], case[4]
  obj = object
  local ok, hs = pcall(chunk)
  if not ok then
    failed = failed + 1
    print("not ok - " .. name .. ": error " .. tostring(hs))
  elseif hs.status ~= want or type(hs.message) ~= "string" or not string.find(hs.message, message, 1, true) then
    failed = failed + 1
    print("not ok - " .. name .. ": got " .. tostring(hs.status) .. " '" .. tostring(hs.message) .. "', want " .. want .. " '" .. message .. "'")
  else
    print("ok - " .. name .. ": " .. hs.status)
  end
end
print(string.format("%d cases, %d failed", #cases, failed))
if failed > 0 then os.exit(1) end
