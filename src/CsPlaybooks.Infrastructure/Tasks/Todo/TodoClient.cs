using System.Globalization;
using Azure.Core;
using Azure.Identity;
using Microsoft.Graph;
using Microsoft.Graph.Models;
using Microsoft.Graph.Models.ODataErrors;
using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Abstractions.Authentication;
using Microsoft.Kiota.Authentication.Azure;
using Microsoft.Kiota.Http.HttpClientLibrary.Middleware;
using Microsoft.Extensions.Options;
using CsPlaybooks.Infrastructure.Outbox;
using GraphTaskStatus = Microsoft.Graph.Models.TaskStatus;

namespace CsPlaybooks.Infrastructure.Tasks.Todo;

/// <summary>A task as written to To Do.</summary>
public sealed record TodoItem(string Key, string Title, string? Description, DateTimeOffset? DueAt, string Priority);

/// <summary>
/// Microsoft To Do through Graph SDK 5 (app-only). The SDK's own retry handler is removed: retries belong to the outbox,
/// which persists them across restarts; a 429/503 becomes a <see cref="RetryAfterException"/> carrying Retry-After.
/// </summary>
public sealed class TodoClient
{
    public const string ApplicationName = "CsPlaybooks";
    private readonly GraphServiceClient _client;
    private readonly GraphOptions _options;
    private readonly TimeProvider _time;

    public TodoClient(IOptions<GraphOptions> options, TimeProvider time, TokenCredential? credential = null)
    {
        _options = options.Value;
        _time = time;
        credential ??= new ClientSecretCredential(_options.TenantId, _options.ClientId, _options.ClientSecret);
        var host = new Uri(_options.BaseUrl).Host;
        var auth = new AzureIdentityAuthenticationProvider(credential, allowedHosts: [host], scopes: ["https://graph.microsoft.com/.default"]);
        var handlers = GraphClientFactory.CreateDefaultHandlers().Where(h => h is not RetryHandler).ToList();
        var http = GraphClientFactory.Create(handlers);
        _client = new GraphServiceClient(http, auth, _options.BaseUrl.TrimEnd('/'));
    }

    /// <summary>The id of the user's list named <see cref="GraphOptions.ListName"/>, created when missing.</summary>
    public Task<string> EnsureListAsync(string userId, CancellationToken ct) => Call(async () =>
    {
        var name = _options.ListName;
        var lists = await _client.Users[userId].Todo.Lists.GetAsync(r => r.QueryParameters.Filter = $"displayName eq '{name.Replace("'", "''")}'", ct);
        if (lists?.Value?.FirstOrDefault(l => l.DisplayName == name)?.Id is { } id) return id;
        var created = await _client.Users[userId].Todo.Lists.PostAsync(new TodoTaskList { DisplayName = name }, cancellationToken: ct);
        return created?.Id ?? throw new InvalidOperationException("Graph created the To Do list but returned no id");
    });

    /// <summary>Finds a task this app created for <paramref name="key"/> (linkedResource externalId), to avoid a duplicate after an uncertain create.</summary>
    public Task<string?> FindAsync(string userId, string listId, string key, CancellationToken ct) => Call(async () =>
    {
        var page = await _client.Users[userId].Todo.Lists[listId].Tasks.GetAsync(r =>
        {
            r.QueryParameters.Expand = ["linkedResources"];
            r.QueryParameters.Top = 100;
        }, ct);
        while (page is not null)
        {
            var hit = page.Value?.FirstOrDefault(t => t.LinkedResources?.Any(l => l.ExternalId == key && l.ApplicationName == ApplicationName) == true);
            if (hit is not null) return hit.Id;
            if (page.OdataNextLink is not { } next) break;
            page = await _client.Users[userId].Todo.Lists[listId].Tasks.WithUrl(next).GetAsync(cancellationToken: ct);
        }
        return null;
    });

    public Task<string> CreateAsync(string userId, string listId, TodoItem item, CancellationToken ct) => Call(async () =>
    {
        var task = new TodoTask
        {
            Title = item.Title,
            Body = item.Description is null ? null : new ItemBody { Content = item.Description, ContentType = BodyType.Text },
            DueDateTime = item.DueAt is { } due
                ? new DateTimeTimeZone { DateTime = due.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff", CultureInfo.InvariantCulture), TimeZone = "UTC" }
                : null,
            Importance = item.Priority switch { "high" => Importance.High, "low" => Importance.Low, _ => Importance.Normal },
            LinkedResources =
            [
                new LinkedResource { ApplicationName = ApplicationName, DisplayName = item.Title, ExternalId = item.Key, WebUrl = _options.AppUrl },
            ],
        };
        var created = await _client.Users[userId].Todo.Lists[listId].Tasks.PostAsync(task, cancellationToken: ct);
        return created?.Id ?? throw new InvalidOperationException("Graph created the To Do task but returned no id");
    });

    /// <summary>Marks the task completed; false when it no longer exists in To Do.</summary>
    public Task<bool> CompleteAsync(string userId, string listId, string taskId, CancellationToken ct) => Call(async () =>
    {
        try
        {
            await _client.Users[userId].Todo.Lists[listId].Tasks[taskId].PatchAsync(new TodoTask { Status = GraphTaskStatus.Completed }, cancellationToken: ct);
            return true;
        }
        catch (ApiException e) when (e.ResponseStatusCode == 404)
        {
            return false;
        }
    });

    /// <summary>The task's status in To Do ("completed", "notStarted"…), or null when it no longer exists.</summary>
    public Task<string?> StatusAsync(string userId, string listId, string taskId, CancellationToken ct) => Call(async () =>
    {
        try
        {
            var task = await _client.Users[userId].Todo.Lists[listId].Tasks[taskId].GetAsync(cancellationToken: ct);
            return task?.Status is { } s ? (s == GraphTaskStatus.Completed ? "completed" : s.ToString()) : null;
        }
        catch (ApiException e) when (e.ResponseStatusCode == 404)
        {
            return null;
        }
    });

    private async Task<T> Call<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (ApiException e) when (e.ResponseStatusCode is 429 or 503)
        {
            throw new RetryAfterException($"Microsoft Graph answered {e.ResponseStatusCode}: {Describe(e)}", RetryAfter(e));
        }
        catch (ApiException e) when (e.ResponseStatusCode is 400 or 401 or 403)
        {
            throw new PermanentDeliveryException($"Microsoft Graph refused the call ({e.ResponseStatusCode}): {Describe(e)}");
        }
    }

    private static string Describe(ApiException e) => e is ODataError { Error.Message: { } m } ? m : e.Message;

    private TimeSpan? RetryAfter(ApiException e)
    {
        var header = e.ResponseHeaders.FirstOrDefault(h => string.Equals(h.Key, "Retry-After", StringComparison.OrdinalIgnoreCase)).Value?.FirstOrDefault();
        if (header is null) return null;
        if (int.TryParse(header, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds)) return TimeSpan.FromSeconds(Math.Max(0, seconds));
        return DateTimeOffset.TryParse(header, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at - _time.GetUtcNow() : null;
    }
}
