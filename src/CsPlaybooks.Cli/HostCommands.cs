using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace CsPlaybooks.Cli;

/// <summary>forecast and publish: the host's API with an API key (X-Api-Key).</summary>
internal static class HostCommands
{
    public static async Task<int> PublishAsync(CliArguments args, TextWriter output, TextWriter error, HttpClient? http, CancellationToken ct)
    {
        if (args.Files.Count == 0) throw new CliException("publish: name one or more playbook files", 2);
        var client = Client(args, http);
        foreach (var file in args.Files)
        {
            var definition = JsonNode.Parse(await File.ReadAllTextAsync(file, ct)) as JsonObject ?? throw new CliException($"{file}: not a JSON object");
            var id = (string?)definition["id"] ?? throw new CliException($"{file}: the playbook has no id");
            var exists = (await client.GetAsync($"api/playbooks/{id}", ct)).IsSuccessStatusCode;
            var saved = exists ? await client.PutAsJsonAsync($"api/playbooks/{id}/draft", definition, ct) : await client.PostAsJsonAsync("api/playbooks", definition, ct);
            await Expect(saved, file, ct);
            var published = await Expect(await client.PostAsJsonAsync($"api/playbooks/{id}/publish", new { note = args.Option("note") ?? "published with csplaybooks" }, ct), file, ct);
            await output.WriteLineAsync($"{file}: published {id} v{published?["version"]}");
        }
        return 0;
    }

    public static async Task<int> ForecastAsync(CliArguments args, TextWriter output, TextWriter error, HttpClient? http, CancellationToken ct)
    {
        if (args.Files.Count != 1) throw new CliException("forecast: name one playbook id", 2);
        var client = Client(args, http);
        var body = new JsonObject { ["weeks"] = int.Parse(args.Option("weeks") ?? "13") };
        if (args.Option("version") is { } version) body["version"] = int.TryParse(version, out var n) ? n : version;
        var started = await client.PostAsJsonAsync($"api/playbooks/{args.Files[0]}/forecast", body, ct);
        await Expect(started, args.Files[0], ct);
        var location = started.Headers.Location ?? throw new CliException("the host did not say where the forecast runs");
        while (true)
        {
            var job = await Expect(await client.GetAsync(location, ct), args.Files[0], ct) ?? throw new CliException("empty answer");
            var state = (string?)job["state"];
            if (state == "running")
            {
                await error.WriteAsync($"\rforecasting {job["progress"]?["done"]}/{job["progress"]?["total"]} accounts ({job["progress"]?["percent"]}%)");
                await Task.Delay(500, ct);
                continue;
            }
            await error.WriteLineAsync();
            if (state != "completed") throw new CliException($"forecast {state}: {job["error"]}");
            await output.WriteLineAsync((string?)job["result"]?["summary"]);
            return 0;
        }
    }

    private static HttpClient Client(CliArguments args, HttpClient? http)
    {
        var client = http ?? new HttpClient { BaseAddress = new Uri(args.Required("host").TrimEnd('/') + "/") };
        client.DefaultRequestHeaders.Remove("X-Api-Key");
        client.DefaultRequestHeaders.Add("X-Api-Key", args.Required("api-key"));
        return client;
    }

    private static async Task<JsonNode?> Expect(HttpResponseMessage response, string what, CancellationToken ct)
    {
        var text = await response.Content.ReadAsStringAsync(ct);
        if (response.IsSuccessStatusCode) return text.Length == 0 ? null : JsonNode.Parse(text);
        var problem = text.Length > 0 && text.TrimStart().StartsWith('{') ? JsonNode.Parse(text) : null;
        var details = problem?["problems"] is JsonArray list
            ? string.Join("; ", list.Select(p => $"{(p?["stepId"] is { } s ? $"step '{s}' " : "")}{p?["field"]}: {p?["message"]}"))
            : (string?)problem?["detail"] ?? text;
        throw new CliException($"{what}: the host answered {(int)response.StatusCode} {problem?["title"]}: {details}");
    }
}
