using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Scriban.Runtime;

namespace CsPlaybooks.Engine.Expressions;

/// <summary>
/// The plain object templates and conditions see: <c>account</c>, <c>contract</c>, <c>contacts</c>,
/// <c>health</c>, <c>csm</c>, <c>playbook</c>, <c>variables</c>, <c>event</c> and <c>now</c>. Built from JSON only,
/// so no .NET member is ever reachable from a template.
/// </summary>
public sealed class TemplateModel
{
    private readonly Dictionary<string, JsonNode?> _roots = new(StringComparer.Ordinal);
    /// <summary>Roots already converted for Scriban. Steps change <c>variables</c> in place, so it is converted at every render; other roots change only through <see cref="Set"/>.</summary>
    private readonly Dictionary<string, object?> _converted = new(StringComparer.Ordinal);

    public TemplateModel Set(string name, JsonNode? value)
    {
        _roots[name] = value;
        _converted.Remove(name);
        return this;
    }

    /// <summary>The data templates and conditions see for an account document: the document as <c>account</c>, and its
    /// <c>contract</c>, <c>contacts</c>, <c>health</c> and <c>csm</c> at the top level (copies).</summary>
    public static TemplateModel ForAccount(JsonObject account) => new TemplateModel()
        .Set("account", account.DeepClone())
        .Set("contract", account["contract"]?.DeepClone())
        .Set("contacts", account["contacts"]?.DeepClone() ?? new JsonArray())
        .Set("health", account["health"]?.DeepClone())
        .Set("csm", account["csm"]?.DeepClone());

    public JsonNode? Get(string name) => _roots.GetValueOrDefault(name);

    internal ScriptObject ToScriptObject()
    {
        var globals = new ScriptObject();
        foreach (var (name, value) in _roots)
        {
            if (name == "variables") globals[name] = Convert(value);
            else if (_converted.TryGetValue(name, out var converted)) globals[name] = converted;
            else globals[name] = _converted[name] = Convert(value);
        }
        return globals;
    }

    private static object? Convert(JsonNode? node) => node switch
    {
        null => null,
        JsonObject o => ConvertObject(o),
        JsonArray a => ConvertArray(a),
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.String => v.TryGetValue<string>(out var text) ? text : JsonSerializer.Deserialize<string>(v.ToJsonString()),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Number => Number(v),
            _ => null,
        },
        _ => null,
    };

    /// <summary>
    /// A number as long or double, whatever CLR type backs the node (int, decimal, JsonElement, …):
    /// TryGetValue/GetValue only succeed for the exact backing type, so read the JSON text instead.
    /// </summary>
    private static object Number(JsonValue v)
    {
        var text = v.ToJsonString();
        return long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) ? l : double.Parse(text, CultureInfo.InvariantCulture);
    }

    private static ScriptObject ConvertObject(JsonObject o)
    {
        var so = new ScriptObject();
        foreach (var (k, v) in o) so[k] = Convert(v);
        return so;
    }

    private static ScriptArray ConvertArray(JsonArray a)
    {
        var sa = new ScriptArray();
        foreach (var item in a) sa.Add(Convert(item));
        return sa;
    }
}
