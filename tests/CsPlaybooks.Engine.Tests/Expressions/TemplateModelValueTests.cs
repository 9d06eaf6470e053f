using System.Text.Json.Nodes;
using CsPlaybooks.Engine.Expressions;

namespace CsPlaybooks.Engine.Tests.Expressions;

public sealed class TemplateModelValueTests
{
    /// <summary>Steps put typed values (e.g. a DateTimeOffset) into variables; later steps in the same burst render them.</summary>
    [Fact]
    public void Render_TypedJsonValueNotYetSerialized_RendersAsText()
    {
        var model = new TemplateModel().Set("variables", new JsonObject { ["dueAt"] = JsonValue.Create(new DateTimeOffset(2026, 3, 9, 8, 0, 0, TimeSpan.Zero)) });
        Assert.True(LiquidTemplate.TryParse("due {{ variables.dueAt }}", out var template, out _));
        Assert.Equal("due 2026-03-09T08:00:00+00:00", template!.Render(model));
    }
}
