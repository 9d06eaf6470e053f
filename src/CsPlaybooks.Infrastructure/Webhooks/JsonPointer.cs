using System.Text.Json.Nodes;

namespace CsPlaybooks.Infrastructure.Webhooks;

/// <summary>RFC 6901 JSON pointers: <c>""</c> is the whole document, <c>/a/0/b</c> walks objects and arrays, <c>~1</c> is "/" and <c>~0</c> is "~".</summary>
public static class JsonPointer
{
    /// <summary>The node the pointer names; null when it names nothing (or is not a pointer).</summary>
    public static JsonNode? Find(JsonNode? document, string pointer)
    {
        if (pointer.Length == 0) return document;
        if (pointer[0] != '/') return null;
        var node = document;
        foreach (var raw in pointer[1..].Split('/'))
        {
            var token = raw.Replace("~1", "/").Replace("~0", "~");
            node = node switch
            {
                JsonObject o => o.TryGetPropertyValue(token, out var child) ? child : null,
                JsonArray a when int.TryParse(token, System.Globalization.NumberStyles.None, null, out var i) && i < a.Count => a[i],
                _ => null,
            };
            if (node is null) return null;
        }
        return node;
    }
}
