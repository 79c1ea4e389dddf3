# jdcloud-pod-operator image: the operator as one Native AOT binary (README "Memory and start-up").
#   docker build -t jdcloud-pod-operator:dev .        (Kubernetes probes check health: no HEALTHCHECK)
# Build stage: the .NET SDK restores and publishes the operator project only (no tests, no simulators). Native AOT
# links with the platform's toolchain: clang and zlib's headers, the documented prerequisites on Ubuntu and Debian.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
RUN apt-get update && apt-get install -y --no-install-recommends clang zlib1g-dev && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY Directory.Build.props ./
COPY operator/JdCloudPodOperator.csproj operator/
RUN dotnet restore operator/JdCloudPodOperator.csproj -r linux-x64 -p:PublishAot=true
COPY operator/ operator/
RUN dotnet publish operator/JdCloudPodOperator.csproj -c Release -r linux-x64 -p:PublishAot=true -o /app --no-restore

# Runtime stage: the chiseled runtime-deps image, the smallest that runs a native .NET binary: glibc, libstdc++, OpenSSL
# (libssl3, for TLS to the API server, JD Cloud and CMDB) and the CA certificates; no shell, no package manager, non-root
# user "app". Only the binary is copied: its symbols (.dbg) stay in the build stage.
FROM mcr.microsoft.com/dotnet/runtime-deps:10.0-noble-chiseled AS runtime
WORKDIR /app
COPY --from=build /app/jdcloud-pod-operator ./
USER $APP_UID
# 9443: admission webhook (HTTPS); 8081: /healthz and /readyz (run --help lists the ports).
EXPOSE 9443 8081
ENTRYPOINT ["/app/jdcloud-pod-operator"]
CMD ["run"]
