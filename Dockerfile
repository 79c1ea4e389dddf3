# jdcloud-pod-operator image.
#   docker build -t jdcloud-pod-operator:dev .        (Kubernetes probes check health: no HEALTHCHECK)
# Build stage: the .NET SDK image with the Native AOT toolchain (clang) publishes the operator project only, as one
# native binary (make publish-aot; README "Memory and start-up").
FROM mcr.microsoft.com/dotnet/sdk:10.0-noble-aot AS build
WORKDIR /src
COPY Directory.Build.props ./
COPY operator/JdCloudPodOperator.csproj operator/
RUN dotnet restore operator/JdCloudPodOperator.csproj -r linux-x64 -p:PublishAot=true
COPY operator/ operator/
RUN dotnet publish operator/JdCloudPodOperator.csproj -c Release -r linux-x64 -p:PublishAot=true -o /app --no-restore

# Runtime stage: the chiseled runtime-deps image (the native libraries a self-contained binary needs: libc, OpenSSL;
# no .NET runtime, no shell, no package manager, non-root user "app").
FROM mcr.microsoft.com/dotnet/runtime-deps:10.0-noble-chiseled AS runtime
WORKDIR /app
COPY --from=build /app/jdcloud-pod-operator ./
USER $APP_UID
# 9443: admission webhook (HTTPS); 8081: /healthz and /readyz (run --help lists the ports).
EXPOSE 9443 8081
ENTRYPOINT ["./jdcloud-pod-operator"]
CMD ["run"]
