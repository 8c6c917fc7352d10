# WooPortal: docker build -t wooportal . && docker run -p 8080:8080 -v wooportal-data:/data wooportal
# The data volume holds the SQLite database and the certificate that protects the key ring: back up both.
# tests/Portal.Tests/Hosting/PublishedImageTests.cs runs the published output the way this image does.

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
# Project files first: the restore layer stays cached until a package or project reference changes.
COPY Directory.Build.props Directory.Packages.props .editorconfig ./
COPY Portal.Domain/Portal.Domain.csproj Portal.Domain/
COPY Portal.Data/Portal.Data.csproj Portal.Data/
COPY Portal/Portal.csproj Portal/
RUN dotnet restore Portal/Portal.csproj
COPY Portal.Domain/ Portal.Domain/
COPY Portal.Data/ Portal.Data/
COPY Portal/ Portal/
RUN dotnet publish Portal -c Release --no-restore -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app .
# The image's non-root "app" user (UID 1654) owns the data volume; created before VOLUME so the ownership sticks.
RUN mkdir -p /data && chown $APP_UID /data
ENV Portal__DataDirectory=/data \
    ASPNETCORE_URLS=http://0.0.0.0:8080
VOLUME /data
USER $APP_UID
EXPOSE 8080
# The runtime image has no curl: the portal probes its own /healthz.
HEALTHCHECK --interval=30s --timeout=10s --start-period=30s --retries=3 CMD ["dotnet", "/app/Portal.dll", "healthcheck"]
ENTRYPOINT ["dotnet", "/app/Portal.dll"]
