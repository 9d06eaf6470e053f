using System.Text.Json.Nodes;
using CsPlaybooks.Engine.Expressions;
using static CsPlaybooks.Engine.Tests.TestSupport;

namespace CsPlaybooks.Engine.Tests.Expressions;

/// <summary>Templates see JSON data only: no .NET member of the model or its values is reachable.</summary>
public class TemplateModelTests
{
    private static string Render(string text, TemplateModel model)
    {
        Assert.True(LiquidTemplate.TryParse(text, out var template, out var error), error);
        return template!.Render(model);
    }

    [Theory]
    [InlineData("{{ account.GetType }}")]
    [InlineData("{{ account.Count }}")]
    [InlineData("{{ account.name.Length }}")]
    [InlineData("{{ account.Parent }}")]
    public void Render_DotNetMembers_AreNotReachable(string text)
    {
        var model = new TemplateModel().Set("account", Account());

        Assert.Equal("", Render(text, model));
    }

    [Fact]
    public void Render_OnlyTheSetRoots_AreVisible()
    {
        var model = new TemplateModel().Set("account", Account());

        Assert.Equal("[Acme GmbH||]", Render("[{{ account.name }}|{{ contract.end }}|{{ variables }}]", model));
    }

    [Fact]
    public void Get_ReturnsTheJsonNodeThatWasSet()
    {
        var account = Account();
        var model = new TemplateModel().Set("account", account);

        Assert.Same(account, model.Get("account"));
        Assert.Null(model.Get("contract"));
    }

    [Fact]
    public void Render_NumbersOfAnyClrBacking_RenderAndCompareAsNumbers()
    {
        var model = new TemplateModel().Set("health", new JsonObject
        {
            ["int"] = 42,
            ["decimal"] = 12.5m,
            ["parsed"] = JsonNode.Parse("7"),
            ["double"] = 0.25,
        });

        Assert.Equal("43|13.5|8|0.25", Render("{{ health.int | plus: 1 }}|{{ health.decimal | plus: 1 }}|{{ health.parsed | plus: 1 }}|{{ health.double }}", model));
    }

    [Fact]
    public void Render_BooleansAndNull_KeepLiquidTruthiness()
    {
        var model = new TemplateModel().Set("account", new JsonObject { ["active"] = true, ["churned"] = false, ["note"] = null });

        Assert.Equal("yes-no-none", Render(
            "{% if account.active %}yes{% endif %}-{% if account.churned %}x{% else %}no{% endif %}-{% if account.note %}x{% else %}none{% endif %}",
            model));
    }
}
