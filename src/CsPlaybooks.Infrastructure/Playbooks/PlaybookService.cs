using System.Security.Cryptography;
using System.Text;
using CsPlaybooks.Engine.Definitions;
using CsPlaybooks.Engine.Validation;
using CsPlaybooks.Infrastructure.Persistence;
using CsPlaybooks.Infrastructure.Persistence.Entities;
using CsPlaybooks.Infrastructure.Webhooks;
using Microsoft.EntityFrameworkCore;

namespace CsPlaybooks.Infrastructure.Playbooks;

/// <summary>Outcome of a playbook command: done, invalid (errors by step), or a named conflict / not found.</summary>
public sealed record PlaybookCommandResult(PlaybookCommandStatus Status, IReadOnlyList<DefinitionError> Errors, string? Message = null, int Version = 0)
{
    public static PlaybookCommandResult Ok(int version = 0) => new(PlaybookCommandStatus.Ok, [], null, version);
    public static PlaybookCommandResult Invalid(IReadOnlyList<DefinitionError> errors) => new(PlaybookCommandStatus.Invalid, errors);
    public static PlaybookCommandResult NotFound(string message) => new(PlaybookCommandStatus.NotFound, [], message);
    public static PlaybookCommandResult Conflict(string message) => new(PlaybookCommandStatus.Conflict, [], message);
}

public enum PlaybookCommandStatus { Ok, Invalid, NotFound, Conflict }

/// <summary>Drafts, publishing, version history and revert. A published version is immutable.</summary>
public sealed class PlaybookService(PlaybooksDb db, PlaybookCatalog catalog, TimeProvider time, IEnumerable<IPlaybookPublishedHandler> publishedHandlers,
    WebhookTargets webhookTargets)
{
    /// <summary>Compiles a definition and applies the rules of this installation (which webhook targets may be reached).</summary>
    public CompileResult Validate(string json) => webhookTargets.Check(catalog.Compiler.Compile(json));

    public async Task<PlaybookCommandResult> CreateAsync(string json, CancellationToken ct)
    {
        var compiled = Validate(json);
        if (!compiled.IsValid) return PlaybookCommandResult.Invalid(compiled.Errors);
        var definition = compiled.Playbook!.Definition;
        await using var context = db.Create();
        if (await context.Playbooks.AnyAsync(p => p.Id == definition.Id, ct))
            return PlaybookCommandResult.Conflict($"a playbook with id '{definition.Id}' already exists; edit its draft with PUT /api/playbooks/{definition.Id}/draft");
        var now = time.GetUtcNow();
        context.Playbooks.Add(new PlaybookRecord
        {
            Id = definition.Id, Name = definition.Name, DraftJson = PlaybookJson.Write(definition with { Version = 0 }),
            DraftUpdatedAt = now, CreatedAt = now, UpdatedAt = now,
        });
        await context.SaveChangesAsync(ct);
        return PlaybookCommandResult.Ok();
    }

    public async Task<PlaybookCommandResult> SaveDraftAsync(string playbookId, string json, CancellationToken ct)
    {
        var compiled = Validate(json);
        if (!compiled.IsValid) return PlaybookCommandResult.Invalid(compiled.Errors);
        var definition = compiled.Playbook!.Definition;
        if (definition.Id != playbookId)
            return PlaybookCommandResult.Invalid([new(null, "id", $"the draft's id '{definition.Id}' differs from the playbook '{playbookId}' in the URL")]);
        await using var context = db.Create();
        var record = await context.Playbooks.FirstOrDefaultAsync(p => p.Id == playbookId, ct);
        if (record is null) return PlaybookCommandResult.NotFound($"no playbook '{playbookId}'; create it with POST /api/playbooks");
        record.DraftJson = PlaybookJson.Write(definition with { Version = 0 });
        record.Name = definition.Name;
        record.DraftUpdatedAt = record.UpdatedAt = time.GetUtcNow();
        await context.SaveChangesAsync(ct);
        return PlaybookCommandResult.Ok();
    }

    /// <summary>Freezes the draft as version N+1 and clears the draft.</summary>
    public async Task<PlaybookCommandResult> PublishAsync(string playbookId, string? note, string? publishedBy, CancellationToken ct)
    {
        await using var context = db.Create();
        var record = await context.Playbooks.FirstOrDefaultAsync(p => p.Id == playbookId, ct);
        if (record is null) return PlaybookCommandResult.NotFound($"no playbook '{playbookId}'");
        if (record.DraftJson is null) return PlaybookCommandResult.Conflict($"'{playbookId}' has no draft to publish; save one with PUT /api/playbooks/{playbookId}/draft");
        var compiled = Validate(record.DraftJson);
        if (!compiled.IsValid) return PlaybookCommandResult.Invalid(compiled.Errors);
        return await PublishAsync(context, record, compiled.Playbook!.Definition, note, publishedBy, ct);
    }

    /// <summary>Publishes a definition directly (workflow files); a no-op when it equals the latest version.</summary>
    public async Task<PlaybookCommandResult> PublishDefinitionAsync(PlaybookDefinition definition, string note, CancellationToken ct)
    {
        await using var context = db.Create();
        var record = await context.Playbooks.FirstOrDefaultAsync(p => p.Id == definition.Id, ct);
        if (record is null)
        {
            var now = time.GetUtcNow();
            record = new PlaybookRecord { Id = definition.Id, Name = definition.Name, CreatedAt = now, UpdatedAt = now };
            context.Playbooks.Add(record);
        }
        else if (record.LatestVersion > 0)
        {
            var latestHash = await context.PlaybookVersions.Where(v => v.PlaybookId == definition.Id && v.Version == record.LatestVersion)
                .Select(v => v.ContentHash).FirstAsync(ct);
            if (latestHash == Hash(definition)) return PlaybookCommandResult.Ok(record.LatestVersion);
        }
        return await PublishAsync(context, record, definition, note, "workflow-files", ct);
    }

    private async Task<PlaybookCommandResult> PublishAsync(PlaybooksDbContext context, PlaybookRecord record, PlaybookDefinition draft, string? note, string? publishedBy, CancellationToken ct)
    {
        var version = record.LatestVersion + 1;
        var definition = draft with { Version = version };
        var now = time.GetUtcNow();
        context.PlaybookVersions.Add(new PlaybookVersionRecord
        {
            PlaybookId = record.Id, Version = version, Json = PlaybookJson.Write(definition), ContentHash = Hash(definition),
            Note = note, PublishedBy = publishedBy, PublishedAt = now,
            TriggerType = definition.Trigger?.Type, TriggerEvent = (string?)definition.Trigger?.Settings["event"],
        });
        record.LatestVersion = version;
        record.Name = definition.Name;
        record.DraftJson = null;
        record.DraftUpdatedAt = null;
        record.UpdatedAt = now;
        try
        {
            await context.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            return PlaybookCommandResult.Conflict($"version {version} of '{record.Id}' was published concurrently; reload and publish again");
        }
        var compiled = await catalog.GetAsync(record.Id, version, ct);
        if (compiled is not null)
            foreach (var handler in publishedHandlers) await handler.OnPublishedAsync(compiled, ct);
        return PlaybookCommandResult.Ok(version);
    }

    /// <summary>Copies an old version into a new draft (replacing any draft).</summary>
    public async Task<PlaybookCommandResult> RevertAsync(string playbookId, int version, CancellationToken ct)
    {
        await using var context = db.Create();
        var record = await context.Playbooks.FirstOrDefaultAsync(p => p.Id == playbookId, ct);
        var old = await context.PlaybookVersions.AsNoTracking().FirstOrDefaultAsync(v => v.PlaybookId == playbookId && v.Version == version, ct);
        if (record is null || old is null) return PlaybookCommandResult.NotFound($"'{playbookId}' has no version {version}");
        var definition = PlaybookJson.Read(old.Json).Definition!;
        record.DraftJson = PlaybookJson.Write(definition with { Version = 0 });
        record.DraftUpdatedAt = record.UpdatedAt = time.GetUtcNow();
        await context.SaveChangesAsync(ct);
        return PlaybookCommandResult.Ok(version);
    }

    private static string Hash(PlaybookDefinition definition) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(PlaybookJson.ContentOf(definition))));
}

/// <summary>Reacts to a newly published version (e.g. re-arms its schedule trigger).</summary>
public interface IPlaybookPublishedHandler
{
    Task OnPublishedAsync(CompiledPlaybook playbook, CancellationToken ct);
}
