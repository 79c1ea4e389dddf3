-- Argo CD health check for jdcloudpod.io/JdCloudPod (Lua 5.1, as Argo CD runs it).
-- Reads the kstatus conditions the operator writes: Ready, Reconciling, Stalled, and status.observedGeneration.
--   Suspended    the jdcloudpod.io/paused annotation is "true" (the operator leaves the resource alone)
--   Progressing  the operator has not yet seen this generation, or is still converging (Reconciling=True),
--                which includes a podSpec or runState change rolling out (reason RollingOut)
--   Degraded     Stalled=True (needs a spec, credentials or quota change; a rollout past its progress deadline is
--                Stalled with reason ProgressDeadlineExceeded), or settled without being Ready
--   Healthy      Ready=True for the current generation
local hs = {}

local function condition(conditions, type)
  if conditions == nil then return nil end
  for _, c in ipairs(conditions) do
    if c.type == type then return c end
  end
  return nil
end

local function say(status, message)
  hs.status = status
  hs.message = message
  return hs
end

-- As the operator reads it: "true" in any case, surrounding spaces ignored.
local function isTrue(text)
  if type(text) ~= "string" then return false end
  local trimmed = string.gsub(text, "^%s*(.-)%s*$", "%1")
  return string.lower(trimmed) == "true"
end

local annotations = obj.metadata.annotations
if annotations ~= nil and isTrue(annotations["jdcloudpod.io/paused"]) then
  return say("Suspended", "Reconciliation is paused by the annotation jdcloudpod.io/paused")
end

local status = obj.status
local generation = obj.metadata.generation
if status == nil or status.observedGeneration == nil then
  return say("Progressing", "Waiting for the operator to observe the resource")
end
if generation ~= nil and status.observedGeneration < generation then
  return say("Progressing", "Waiting for the operator to observe generation " .. generation)
end

local ready = condition(status.conditions, "Ready")
local reconciling = condition(status.conditions, "Reconciling")
local stalled = condition(status.conditions, "Stalled")
if stalled ~= nil and stalled.status == "True" then
  return say("Degraded", (stalled.reason or "Stalled") .. ": " .. (stalled.message or ""))
end
if ready ~= nil and ready.status == "True" then
  return say("Healthy", ready.message or "Ready")
end
if ready == nil or (reconciling ~= nil and reconciling.status == "True") then
  local why = reconciling or ready
  return say("Progressing", why and ((why.reason or "") .. ": " .. (why.message or "")) or "Waiting for the operator")
end
return say("Degraded", (ready.reason or "NotReady") .. ": " .. (ready.message or ""))
