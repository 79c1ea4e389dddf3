# jdcloud-pod-operator image.
#   docker build -t jdcloud-pod-operator:dev .        (Kubernetes probes check health: no HEALTHCHECK)
# Build stage: the .NET SDK restores and publishes the operator project only (no tests, no simulators).
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY Directory.Build.props ./
COPY operator/JdCloudPodOperator.csproj operator/
RUN dotnet restore operator/JdCloudPodOperator.csproj
COPY operator/ operator/
RUN dotnet publish operator/JdCloudPodOperator.csproj -c Release -o /app --no-restore -p:UseAppHost=false

# Runtime stage: the chiseled ASP.NET Core runtime (no shell, no package manager, non-root user "app").
FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled AS runtime
WORKDIR /app
COPY --from=build /app ./
USER $APP_UID
# 9443: admission webhook (HTTPS); 8081: /healthz and /readyz (run --help lists the ports).
EXPOSE 9443 8081
ENTRYPOINT ["dotnet", "jdcloud-pod-operator.dll"]
CMD ["run"]
