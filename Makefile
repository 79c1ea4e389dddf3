# jdcloud-pod-operator. `make help` lists the targets.
SHELL := /bin/bash
DOTNET ?= dotnet
CONFIG ?= Release
CONTROL_PLANE := tests/control-plane/control-plane.sh
OPERATOR := operator/bin/$(CONFIG)/net10.0/jdcloud-pod-operator

.PHONY: help demo build publish-aot test generate validate-samples control-plane simulator run clean bench

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/' | column -t -s $$'\t'

demo: ## the main job end to end: control plane + JD Cloud simulator + operator + a sample until Ready (KEEP=1 keeps it running)
	tests/demo/demo.sh

build: ## build the operator, simulators and tests
	$(DOTNET) build Operator.sln -c $(CONFIG) -nologo -v q

AOT_OUT ?= operator/bin/aot
publish-aot: ## publish the operator as a Native AOT binary into $(AOT_OUT) (needs clang or gcc; several minutes of CPU)
	$(DOTNET) publish operator/JdCloudPodOperator.csproj -c Release -r linux-x64 -p:PublishAot=true -o $(AOT_OUT) -nologo -v q

test: ## run every test (unit and against a real kube-apiserver; installs what it needs)
	tests/run-tests.sh

# The full run measures the operator process as the image ships it, the native binary (published just before; 5-12
# min, as the builds above restore the operator without PublishAot and RID, so the publish compiles it again), when its
# sections run (reconcile, rollout, memory: all by default). The quick run, and BENCH_OPERATOR=<binary>, keep their
# build (the quick one the JIT build, fresh from the build above). README "Benchmarks", which build is measured.
BENCH_BIN ?= bench/JdCloudPodOperator.Bench/bin/Release/net10.0/JdCloudPodOperator.Bench
BENCH_NATIVE := $(if $(BENCH_OPERATOR)$(filter 1,$(BENCH_QUICK)),,$(if $(BENCH_ARGS),$(filter reconcile rollout memory,$(BENCH_ARGS)),all))
bench: ## run the benchmarks, print the table and write bench/results.json (BENCH_QUICK=1: JIT build, < 5 min; full: publishes and measures the native binary, < 30 min)
	$(CONTROL_PLANE) ensure >/dev/null
	@command -v kubectl >/dev/null || $(CONTROL_PLANE) packages kubernetes-client
	$(DOTNET) build tests/JdCloudSimulator -c Release -nologo -v q
	$(DOTNET) build bench/JdCloudPodOperator.Bench -c Release -nologo -v q
ifneq ($(BENCH_NATIVE),)
	@if command -v clang >/dev/null || command -v gcc >/dev/null; then \
		$(MAKE) --no-print-directory publish-aot && \
		BENCH_OPERATOR=$(AOT_OUT)/jdcloud-pod-operator $(BENCH_BIN) $(BENCH_ARGS); \
	else \
		echo "note: neither clang nor gcc is installed, so the native binary cannot be linked: measuring the JIT build instead (results.json: operator.native_aot = 0)"; \
		$(BENCH_BIN) $(BENCH_ARGS); \
	fi
else
	$(BENCH_BIN) $(BENCH_ARGS)
endif

generate: build ## regenerate crds/ (and its copy in config/crd/bases/) from the C# entity types
	$(OPERATOR) generate crds --output crds/
	$(OPERATOR) generate crds --output config/crd/bases/

validate-samples: build ## validate config/samples with the shared validator
	$(OPERATOR) validate -f config/samples/valid

control-plane: ## build or find kube-apiserver and etcd (KUBEBUILDER_ASSETS honoured)
	$(CONTROL_PLANE) ensure

simulator: ## run the JD Cloud Pod service simulator (prints its URL; SIMULATOR_ARGS="--help" lists options)
	$(DOTNET) run --project tests/JdCloudSimulator -c $(CONFIG) -- $(SIMULATOR_ARGS)

run: build ## run the operator (controller + webhook) against the current kubeconfig; JDCLOUD_ENDPOINT=<url> for a simulator, RUN_ARGS for more flags (`run --help`)
	$(OPERATOR) run $(RUN_ARGS)

clean: ## remove build output
	$(DOTNET) clean Operator.sln -nologo -v q
