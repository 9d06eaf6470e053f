using System.Text.RegularExpressions;
using CsPlaybooks.Designer.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace CsPlaybooks.Designer.Tests;

/// <summary>How the host delivers the designer: cache headers for the hashed build, and the editor as its own chunk.</summary>
[Collection(DesignerCollection.Name)]
public sealed partial class DesignerDeliveryTests(DesignerHost host)
{
    [Fact]
    public async Task HashedAssets_AreCachedForAYear_IndexIsRevalidated()
    {
        using var anonymous = new HttpClient { BaseAddress = new Uri(host.BaseUrl) };
        var index = await anonymous.GetAsync("/");
        Assert.True(index.IsSuccessStatusCode);
        Assert.True(index.Headers.CacheControl?.NoCache, $"index.html must be revalidated (Cache-Control: {index.Headers.CacheControl})");

        var script = AssetPath().Match(await index.Content.ReadAsStringAsync());
        Assert.True(script.Success, "index.html names no /assets/ script");
        var asset = await anonymous.GetAsync(script.Value);
        Assert.True(asset.IsSuccessStatusCode, $"{script.Value}: {(int)asset.StatusCode}");
        Assert.Equal(TimeSpan.FromDays(365), asset.Headers.CacheControl?.MaxAge);
        Assert.Contains("immutable", asset.Headers.CacheControl!.ToString());
    }

    [Fact]
    public async Task TasksScreen_DoesNotLoadTheEditorChunk_PlaybookListFetchesItWhenIdle()
    {
        var page = await host.NewPageAsync();
        var scripts = new List<string>();
        page.Request += (_, r) => { if (r.Url.Contains("/assets/") && r.Url.EndsWith(".js")) scripts.Add(new Uri(r.Url).AbsolutePath); };

        await page.GotoAsync($"{host.BaseUrl}/#/tasks");
        await Expect(page.GetByRole(Microsoft.Playwright.AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();
        await page.WaitForLoadStateAsync(Microsoft.Playwright.LoadState.NetworkIdle);
        Assert.DoesNotContain(scripts, s => s.Contains("EditorScreen"));

        await page.GotoAsync($"{host.BaseUrl}/#/");
        await page.WaitForFunctionAsync("() => performance.getEntriesByType('resource').some(e => e.name.includes('/assets/EditorScreen-'))");
    }

    [GeneratedRegex("/assets/[^\"]+\\.js")]
    private static partial Regex AssetPath();
}
