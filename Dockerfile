# syntax=docker/dockerfile:1
# Build: docker build -t emailguard .
# Run:   docker run -p 2525:2525 -p 127.0.0.1:9025:9025 -v $PWD/config:/config:ro -v emailguard-data:/data emailguard
#        (9025 = metrics and health; see docs/deploy.md and docs/operations.md)
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
# Restore first, from the project files only, so code changes reuse the cached package layer.
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/EmailGuard.Policy/EmailGuard.Policy.csproj src/EmailGuard.Policy/
COPY src/EmailGuard.Gateway/EmailGuard.Gateway.csproj src/EmailGuard.Gateway/
COPY src/EmailGuard/EmailGuard.csproj src/EmailGuard/
RUN dotnet restore src/EmailGuard/EmailGuard.csproj
COPY src/ src/
# The shipped notice wording is compiled in as the fallback for any template a Trust deletes.
COPY config/templates/ config/templates/
RUN dotnet publish src/EmailGuard/EmailGuard.csproj -c Release --no-restore -o /app

# aspnet, not runtime: the admin endpoint runs on Kestrel (OpenTelemetry's Prometheus exporter plugs into it).
FROM mcr.microsoft.com/dotnet/aspnet:10.0
# The service never needs root: it listens on 2525 and writes only /data.
RUN groupadd --system emailguard && useradd --system --gid emailguard --home-dir /data emailguard \
    && mkdir -p /data /config && chown emailguard:emailguard /data
COPY --from=build /app /app
COPY config/ /config/
WORKDIR /data
USER emailguard
VOLUME ["/data"]
EXPOSE 2525 9025
# Inside a container the admin endpoint listens on all interfaces so Prometheus can scrape it; publish it only
# to the host's loopback or the monitoring network (it has no authentication; it shows counts, never addresses).
ENV EmailGuard__DataDirectory=/data \
    EmailGuard__Smtp__Endpoints__0=0.0.0.0:2525 \
    EmailGuard__Admin__Endpoint=0.0.0.0:9025
# Liveness from the admin endpoint (the runtime image has bash but no curl). Liveness, not readiness: an open
# upstream circuit or a refused policy reload is not fixed by a restart; monitor /health/ready instead.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD bash -c 'exec 3<>/dev/tcp/127.0.0.1/9025 && printf "GET /health/live HTTP/1.0\r\nHost: localhost\r\n\r\n" >&3 && head -n 1 <&3 | grep -q " 200 "'
ENTRYPOINT ["dotnet", "/app/emailguard.dll"]
CMD ["run", "--config", "/config"]
