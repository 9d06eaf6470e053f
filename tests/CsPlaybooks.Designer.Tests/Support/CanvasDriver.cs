using Microsoft.Playwright;

namespace CsPlaybooks.Designer.Tests.Support;

/// <summary>Mouse gestures on the React Flow canvas: press, move in steps, release (React Flow ignores synthetic drag-and-drop).</summary>
public static class CanvasDriver
{
    public static async Task DragAsync(IPage page, float fromX, float fromY, float toX, float toY, int steps = 15)
    {
        await page.Mouse.MoveAsync(fromX, fromY);
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(fromX + 8, fromY + 8, new MouseMoveOptions { Steps = 3 });
        await page.Mouse.MoveAsync(toX, toY, new MouseMoveOptions { Steps = steps });
        await page.Mouse.UpAsync();
    }

    public static async Task<(float X, float Y)> CentreAsync(ILocator locator)
    {
        var box = await locator.BoundingBoxAsync() ?? throw new InvalidOperationException("element has no box (not visible?)");
        return (box.X + box.Width / 2, box.Y + box.Height / 2);
    }

    /// <summary>Drags a palette entry onto the canvas at a point relative to the canvas's top-left corner.</summary>
    public static async Task DropStepAsync(IPage page, string type, float canvasX, float canvasY)
    {
        var canvas = await page.Locator(".canvas-wrap").BoundingBoxAsync() ?? throw new InvalidOperationException("no canvas");
        var (x, y) = await CentreAsync(page.GetByTestId($"palette-{type}"));
        await DragAsync(page, x, y, canvas.X + canvasX, canvas.Y + canvasY);
    }

    /// <summary>Waits until the live validation has answered, so nothing on the canvas is about to re-render.</summary>
    public static Task SettledAsync(IPage page) =>
        Microsoft.Playwright.Assertions.Expect(page.GetByTestId("problems").Locator("h2")).Not.ToHaveTextAsync("Checking…");

    /// <summary>Connects an outcome handle of one step to the input of another.</summary>
    public static async Task ConnectAsync(IPage page, string from, string outcome, string to)
    {
        await SettledAsync(page);
        var (sx, sy) = await CentreAsync(page.Locator($".react-flow__handle[data-nodeid='{from}'][data-handleid='{outcome}']"));
        var (tx, ty) = await CentreAsync(page.Locator($".react-flow__handle[data-nodeid='{to}'][data-handleid='in']"));
        await DragAsync(page, sx, sy, tx, ty);
    }

    /// <summary>
    /// Connects and waits until the edge exists. On a loaded machine a re-render can move a handle mid-drag, so the
    /// drag is repeated (at most three times) until the canvas has one more edge; the edge count is then asserted.
    /// </summary>
    public static async Task ConnectAndWaitAsync(IPage page, string from, string outcome, string to)
    {
        var edges = page.Locator(".react-flow__edge");
        var before = await edges.CountAsync();
        for (var attempt = 0; attempt < 3 && await edges.CountAsync() == before; attempt++)
        {
            await ConnectAsync(page, from, outcome, to);
            for (var i = 0; i < 20 && await edges.CountAsync() == before; i++) await page.WaitForTimeoutAsync(50);
        }
        Assert.Equal(before + 1, await edges.CountAsync());
    }
}
