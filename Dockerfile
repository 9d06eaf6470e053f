# Host image: the API, the runtime and the designer (built into wwwroot when designer/ exists).
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish src/CsPlaybooks.Host -c Release -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app .
COPY workflows ./workflows
ENV ASPNETCORE_URLS=http://+:8080
EXPOSE 8080
VOLUME /app/data
ENTRYPOINT ["dotnet", "CsPlaybooks.Host.dll"]
