using System.Text.Json.Nodes;
using CsPlaybooks.Engine.Steps;
using CsPlaybooks.Engine.Validation;
using CsPlaybooks.Host.Auth;
using static CsPlaybooks.Engine.Steps.SchemaBuilder;

using Microsoft.AspNetCore.Http.HttpResults;

namespace CsPlaybooks.Host.Apis;

/// <summary>The definition format's JSON Schema and the palette (step and trigger types).</summary>
public static class SchemaApi
{
    public static IEndpointRouteBuilder MapSchemaApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/schema/playbook", (StepRegistry registry) => TypedResults.Json(PlaybookSchema(registry), contentType: "application/schema+json"))
            .Produces<JsonObject>(200, "application/schema+json")
            .WithTags("Schema").WithSummary("JSON Schema of the playbook definition format").AllowAnonymous();
        app.MapGet("/api/step-types", StepTypes).WithTags("Schema").WithSummary("The palette: every step and trigger type with its settings schema")
            .RequireAuthorization(Policies.Read);
        return app;
    }

    /// <summary>The palette: step types (settings schema, whether they wait, their outcomes as the engine declares them) and trigger types.</summary>
    public sealed record StepTypesView(IEnumerable<StepTypeInfo> Steps, IEnumerable<TriggerTypeInfo> Triggers);

    public sealed record StepTypeInfo(string Type, string Category, string Description, bool CanWait, JsonObject Settings, OutcomeRuleView Outcomes);

    /// <summary>A step's outcomes: the fixed ones, one per item of a list setting, one per optional setting given.</summary>
    public sealed record OutcomeRuleView(IReadOnlyList<string> Fixed, string? PerItemOf, IReadOnlyList<OutcomeWhenSet> WhenSet);

    public sealed record TriggerTypeInfo(string Type, string Description, JsonObject Settings);

    private static Ok<StepTypesView> StepTypes(StepRegistry registry) => TypedResults.Ok(new StepTypesView(
        registry.Steps.OrderBy(s => s.Category).ThenBy(s => s.Type).Select(s => new StepTypeInfo(s.Type, s.Category.ToString().ToLowerInvariant(), s.Description,
            s.CanWait, s.SettingsSchema, new OutcomeRuleView(s.Outcomes.Fixed, s.Outcomes.PerItemOf, s.Outcomes.WhenSet ?? []))),
        registry.Triggers.OrderBy(t => t.Type).Select(t => new TriggerTypeInfo(t.Type, t.Description, t.SettingsSchema))));

    public static JsonObject PlaybookSchema(StepRegistry registry)
    {
        JsonObject StepSchema(StepType type)
        {
            var settings = type.SettingsSchema;
            var properties = new JsonObject
            {
                ["id"] = String("Unique step id", FieldLimits.StepId),
                ["type"] = new JsonObject { ["const"] = type.Type },
                ["name"] = String("Label shown in the designer"),
                ["join"] = new JsonObject { ["enum"] = new JsonArray("any", "all") },
                ["position"] = Object(new() { ["x"] = new JsonObject { ["type"] = "number" }, ["y"] = new JsonObject { ["type"] = "number" } }),
            };
            foreach (var (k, v) in settings["properties"]!.AsObject()) properties[k] = v!.DeepClone();
            var required = new JsonArray("id", "type");
            foreach (var r in settings["required"]?.AsArray() ?? []) required.Add(r!.DeepClone());
            return new JsonObject { ["title"] = type.Type, ["description"] = type.Description, ["type"] = "object", ["properties"] = properties, ["required"] = required };
        }

        JsonObject TriggerSchema(Engine.Triggers.TriggerType type)
        {
            var properties = new JsonObject { ["type"] = new JsonObject { ["const"] = type.Type } };
            foreach (var (k, v) in type.SettingsSchema["properties"]!.AsObject()) properties[k] = v!.DeepClone();
            return new JsonObject { ["title"] = type.Type, ["description"] = type.Description, ["type"] = "object", ["properties"] = properties };
        }

        return new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["$id"] = "/api/schema/playbook",
            ["title"] = "CsPlaybooks playbook",
            ["type"] = "object",
            ["required"] = new JsonArray("id", "steps"),
            ["properties"] = new JsonObject
            {
                ["$schema"] = String("This schema's URL"),
                ["id"] = new JsonObject { ["type"] = "string", ["pattern"] = "^[a-z0-9._-]+$", ["maxLength"] = FieldLimits.Id },
                ["name"] = String("Display name", FieldLimits.PlaybookName),
                ["version"] = new JsonObject { ["type"] = "integer", ["description"] = "Set by publishing" },
                ["description"] = String("What the playbook is for", FieldLimits.PlaybookDescription),
                ["start"] = String("Id of the first step (default: the first in the list)", FieldLimits.StepId),
                ["trigger"] = new JsonObject { ["oneOf"] = new JsonArray(registry.Triggers.Select(t => (JsonNode)TriggerSchema(t)).ToArray()) },
                ["enrolment"] = Object(new()
                {
                    ["reentry"] = new JsonObject { ["enum"] = new JsonArray("never", "afterExit", "always") },
                    ["holdoutPercent"] = new JsonObject { ["type"] = "integer", ["minimum"] = 0, ["maximum"] = 100 },
                }),
                ["variables"] = new JsonObject { ["type"] = "object" },
                ["steps"] = new JsonObject { ["type"] = "array", ["items"] = new JsonObject { ["oneOf"] = new JsonArray(registry.Steps.Select(s => (JsonNode)StepSchema(s)).ToArray()) } },
                ["connections"] = new JsonObject
                {
                    ["type"] = "array",
                    ["items"] = Object(new() { ["from"] = String("Step id"), ["outcome"] = String("Outcome name (default: done)"), ["to"] = String("Step id") }, "from", "to"),
                },
            },
        };
    }
}
