# Clarity Portal: a multi-stage build (docs/deployment.md, "A container").
#   docker build -t clarity-portal .
#   docker run -p 8080:8080 -v clarity-data:/data --env-file portal.env clarity-portal
# The build stage runs the same `dotnet publish` as bench/perf-server.sh; the runtime image holds only the published
# app, runs as the image's non-root user and keeps its SQLite database (and the mail pickup folder, if used) in /data.

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/ src/
COPY content/ content/
RUN dotnet publish src/ClarityPortal.Web -c Release -o /app --nologo

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app ./
# /data is the volume for the SQLite file; the app user (from the base image) owns it, nothing else is writable.
RUN mkdir -p /data && chown "$APP_UID" /data
USER $APP_UID
ENV ASPNETCORE_URLS=http://+:8080 \
    ASPNETCORE_ENVIRONMENT=Production \
    ConnectionStrings__Sqlite="Data Source=/data/clarity.db" \
    DOTNET_gcServer=1
EXPOSE 8080
VOLUME ["/data"]
# Ready = the database (and Redis, when set) answer. The image has no curl: bash asks over /dev/tcp. The request is
# for "localhost", so list localhost in AllowedHosts beside the public host names.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/8080 && printf 'GET /health/ready HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"]
ENTRYPOINT ["dotnet", "ClarityPortal.Web.dll"]
