# Host image: the API, the runtime and the designer.
#   docker build -t csplaybooks .
# Stages: Node builds the designer; the .NET SDK publishes the host (no Node in it: the designer build is skipped and
# the built designer copied in); the runtime image runs as the non-root "app" user and checks its own readiness with
# the host's --probe switch (no curl/wget needed).

FROM node:20-bookworm-slim AS designer
WORKDIR /src/designer
COPY designer/package.json designer/package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY designer/ ./
# vite writes to ../src/CsPlaybooks.Host/wwwroot (designer/vite.config.ts)
RUN npm run build

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
# set by BuildKit to the image's architecture (amd64, arm64); the SDK takes either name
ARG TARGETARCH=amd64
WORKDIR /src
COPY CsPlaybooks.sln Directory.Build.props Directory.Packages.props ./
COPY src/CsPlaybooks.Engine/CsPlaybooks.Engine.csproj src/CsPlaybooks.Engine/
COPY src/CsPlaybooks.Success/CsPlaybooks.Success.csproj src/CsPlaybooks.Success/
COPY src/CsPlaybooks.Infrastructure/CsPlaybooks.Infrastructure.csproj src/CsPlaybooks.Infrastructure/
COPY src/CsPlaybooks.Host/CsPlaybooks.Host.csproj src/CsPlaybooks.Host/
RUN dotnet restore src/CsPlaybooks.Host/CsPlaybooks.Host.csproj -a "$TARGETARCH"
COPY src/ src/
COPY --from=designer /src/src/CsPlaybooks.Host/wwwroot src/CsPlaybooks.Host/wwwroot
# ReadyToRun: the host and its libraries compiled ahead of time, so a fresh container runs its hot paths at full speed
# from its first seconds instead of compiling them under the first load (docs/operations.md, docs/benchmarks.md).
RUN dotnet publish src/CsPlaybooks.Host/CsPlaybooks.Host.csproj -c Release -o /app --no-restore -a "$TARGETARCH" --self-contained false \
    -p:PublishReadyToRun=true -p:SkipDesignerBuild=true

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app .
COPY workflows ./workflows
# data/: the SQLite database, the e-mail pickup folder and local keys when no other database is configured
RUN mkdir -p /app/data && chown "$APP_UID" /app/data
USER $APP_UID
ENV ASPNETCORE_URLS=http://+:8080
EXPOSE 8080
VOLUME /app/data
HEALTHCHECK --interval=10s --timeout=6s --start-period=60s --retries=3 CMD ["dotnet", "CsPlaybooks.Host.dll", "--probe"]
ENTRYPOINT ["dotnet", "CsPlaybooks.Host.dll"]
