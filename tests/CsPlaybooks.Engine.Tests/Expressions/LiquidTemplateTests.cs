using System.Text.Json.Nodes;
using CsPlaybooks.Engine.Expressions;
using static CsPlaybooks.Engine.Tests.TestSupport;

namespace CsPlaybooks.Engine.Tests.Expressions;

public class LiquidTemplateTests
{
    private static string Render(string text, TemplateModel model)
    {
        Assert.True(LiquidTemplate.TryParse(text, out var template, out var error), error);
        return template!.Render(model);
    }

    [Fact]
    public void Render_AccountFields_AreSubstituted()
    {
        var model = new TemplateModel().Set("account", Account(tier: "KA", name: "Acme GmbH"));

        Assert.Equal("Open accounts for Acme GmbH (KA)", Render("Open accounts for {{ account.name }} ({{ account.tier }})", model));
    }

    [Fact]
    public void Render_ArrayOfContacts_CanBeLoopedOver()
    {
        var model = new TemplateModel().Set("contacts", new JsonArray(
            new JsonObject { ["name"] = "Ada" }, new JsonObject { ["name"] = "Grace" }));

        Assert.Equal("Ada;Grace;", Render("{% for c in contacts %}{{ c.name }};{% endfor %}", model));
    }

    [Fact]
    public void Render_MissingField_RendersEmpty()
    {
        var model = new TemplateModel().Set("account", Account());

        Assert.Equal("[]", Render("[{{ account.nickname }}]", model));
    }

    [Fact]
    public void TryParse_UnclosedOutput_FailsWithAReadablePosition()
    {
        var ok = LiquidTemplate.TryParse("{{ account.name ", out var template, out var error);

        Assert.False(ok);
        Assert.Null(template);
        Assert.Contains("<eof>", error);
        Assert.StartsWith("the end of the text: ", error);
    }

    [Fact]
    public void TryParse_BadTagOnSecondLine_ReportsLineTwo()
    {
        var ok = LiquidTemplate.TryParse("Hello\n{% if %}x{% endif %}", out _, out var error);

        Assert.False(ok);
        Assert.StartsWith("line 2, column ", error);
    }
}
