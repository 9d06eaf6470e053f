using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace CsPlaybooks.Host.Extensions;

/// <summary>
/// Makes the OpenAPI document say what the wire carries, so the designer's generated types fit it: numbers are
/// written as numbers (the serializer's leniency towards numeric strings when reading is no part of the contract), and
/// a property that may be null is optional, because the host leaves null members out (WhenWritingNull).
/// </summary>
public sealed class WireShapeTransformer : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken ct)
    {
        var seen = new HashSet<OpenApiSchema>(ReferenceEqualityComparer.Instance);
        foreach (var schema in document.Components?.Schemas?.Values.AsEnumerable() ?? []) Visit(schema, seen);
        foreach (var operation in document.Paths.Values.SelectMany(p => p.Operations?.Values.AsEnumerable() ?? []))
        {
            foreach (var parameter in operation.Parameters ?? []) Visit(parameter.Schema, seen);
            foreach (var media in operation.RequestBody?.Content?.Values.AsEnumerable() ?? []) Visit(media.Schema, seen);
            foreach (var media in (operation.Responses?.Values.AsEnumerable() ?? []).SelectMany(r => r.Content?.Values.AsEnumerable() ?? [])) Visit(media.Schema, seen);
        }
        return Task.CompletedTask;
    }

    private static void Visit(IOpenApiSchema? node, HashSet<OpenApiSchema> seen)
    {
        if (node is not OpenApiSchema schema || !seen.Add(schema)) return; // a reference is visited through the components
        if (schema.Type is { } type && (type & (JsonSchemaType.Integer | JsonSchemaType.Number)) != 0 && (type & JsonSchemaType.String) != 0)
        {
            schema.Type = type & ~JsonSchemaType.String;
            schema.Pattern = null;
        }
        if (schema.Required is { Count: > 0 } required && schema.Properties is { } properties)
            foreach (var name in required.Where(n => properties.TryGetValue(n, out var p) && MayBeNull(p)).ToList()) required.Remove(name);
        foreach (var child in (schema.Properties?.Values.AsEnumerable() ?? []).Concat(schema.OneOf ?? []).Concat(schema.AnyOf ?? []).Concat(schema.AllOf ?? []))
            Visit(child, seen);
        Visit(schema.Items, seen);
        Visit(schema.AdditionalProperties, seen);
    }

    private static bool MayBeNull(IOpenApiSchema property) =>
        (property.Type is { } type && (type & JsonSchemaType.Null) != 0) || (property.OneOf ?? []).Any(o => o.Type == JsonSchemaType.Null);
}
