using System.Text.Json.Nodes;
using CsPlaybooks.Engine.Definitions;
using CsPlaybooks.Engine.Validation;
using CsPlaybooks.Infrastructure.Persistence;
using CsPlaybooks.Infrastructure.Playbooks;
using Microsoft.EntityFrameworkCore;

using Microsoft.AspNetCore.Http.HttpResults;

namespace CsPlaybooks.Host.Apis;

/// <summary>Which version a simulation or forecast runs: "draft", a version number, or nothing (the draft if there is one, else the latest version).</summary>
internal readonly record struct VersionChoice(bool Draft, int? Number)
{
    public static VersionChoice Read(JsonFields body, string field = "version")
    {
        var node = body.Json[field];
        if (node is null) return default;
        if (node is JsonValue v && v.TryGetValue<string>(out var text) && text == "draft") return new(true, null);
        if (node is JsonValue n && n.TryGetValue<int>(out var number) && number >= 1) return new(false, number);
        body.Error(field, $"'{body.PathOf(field)}' must be \"draft\" or a version number, not {JsonFields.Describe(node)}");
        return default;
    }
}

/// <summary>Finds and compiles the playbook versions a simulation or forecast runs (compiled versions come from the catalog's cache).</summary>
internal static class SimulatedPlaybooks
{
    /// <param name="preferDraft">With no version chosen: the draft if there is one (true), or the latest published version.</param>
    public static async Task<(CompiledPlaybook?, ProblemHttpResult?)> ResolveAsync(string id, JsonObject? inline, VersionChoice version,
        PlaybooksDb db, PlaybookCatalog catalog, CancellationToken ct, bool preferDraft = true)
    {
        if (inline is not null)
        {
            var compiled = catalog.Compiler.Compile(inline.ToJsonString());
            return compiled.IsValid ? (compiled.Playbook, null) : (null, Problems.Invalid("The playbook is invalid", compiled.Errors));
        }
        await using var context = db.Create();
        var record = await context.Playbooks.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct);
        if (record is null) return (null, Problems.NotFound($"no playbook '{id}'"));
        if (version.Draft || (preferDraft && version.Number is null && record.DraftJson is not null))
        {
            if (record.DraftJson is null) return (null, Problems.NotFound($"'{id}' has no draft"));
            var compiled = catalog.Compiler.Compile(record.DraftJson);
            return compiled.IsValid ? (compiled.Playbook, null) : (null, Problems.Invalid("The draft is invalid", compiled.Errors));
        }
        var number = version.Number ?? record.LatestVersion;
        var playbook = number > 0 ? await catalog.GetAsync(id, number, ct) : null;
        return playbook is null ? (null, Problems.NotFound($"'{id}' has no version {number}")) : (playbook, null);
    }

    /// <summary>The latest published version of every playbook, in id order.</summary>
    public static async Task<List<CompiledPlaybook>> PublishedAsync(PlaybooksDb db, PlaybookCatalog catalog, CancellationToken ct)
    {
        await using var context = db.Create();
        var latest = await context.Playbooks.AsNoTracking().Where(p => p.LatestVersion > 0).OrderBy(p => p.Id).Select(p => new { p.Id, p.LatestVersion }).ToListAsync(ct);
        var playbooks = new List<CompiledPlaybook>();
        foreach (var p in latest)
            if (await catalog.GetAsync(p.Id, p.LatestVersion, ct) is { } compiled) playbooks.Add(compiled);
        return playbooks;
    }
}
