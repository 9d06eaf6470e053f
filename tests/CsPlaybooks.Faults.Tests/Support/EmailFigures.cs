namespace CsPlaybooks.Faults.Tests.Support;

/// <summary>What the SMTP server received compared with what should have arrived, one address per expected email.</summary>
public sealed record EmailCount(int Expected, int Arrivals, int DistinctMessageIds, int Lost, int Duplicates, int AddressesWithSeveralMessageIds);

public static class EmailFigures
{
    /// <summary>
    /// Lost: expected addresses nothing arrived for. Duplicates: arrivals beyond the first per Message-ID (a resend
    /// after a crash). Several Message-IDs for one address would be a second, distinct email: never allowed.
    /// </summary>
    public static EmailCount Measure(FaultFigures figures, IReadOnlyList<Arrival> arrivals, IReadOnlyList<string> expectedAddresses)
    {
        var byAddress = arrivals.GroupBy(a => a.To).ToDictionary(g => g.Key, g => g.Select(a => a.MessageId).Distinct().Count());
        var distinct = arrivals.Select(a => a.MessageId).Distinct().Count();
        var count = new EmailCount(expectedAddresses.Count, arrivals.Count, distinct,
            expectedAddresses.Count(a => !byAddress.ContainsKey(a)), arrivals.Count - distinct, byAddress.Count(a => a.Value > 1));
        figures.Add("emailsExpected", count.Expected);
        figures.Add("emailsArrived", count.Arrivals);
        figures.Add("distinctMessageIds", count.DistinctMessageIds);
        figures.Add("emailsLost", count.Lost);
        figures.Add("duplicateArrivalsSameMessageId", count.Duplicates);
        figures.Add("addressesWithSeveralMessageIds", count.AddressesWithSeveralMessageIds);
        return count;
    }

    /// <summary>Every arrival carries the Message-ID the host recorded for that email.</summary>
    public static async Task AssertMessageIdsMatchAsync(FaultEnvironment env, IReadOnlyList<Arrival> arrivals, string where)
    {
        var recorded = (await env.PairsAsync($"select recipient_address, coalesce(message_id, '') from emails where {where}"))
            .GroupBy(r => r.A).ToDictionary(g => g.Key, g => g.Select(r => r.B).ToHashSet());
        var strangers = arrivals.Where(a => !recorded.TryGetValue(a.To, out var ids) || !ids.Contains(a.MessageId)).ToList();
        Assert.True(strangers.Count == 0, $"{strangers.Count} arrivals carry a Message-ID the host did not record, e.g. {strangers.FirstOrDefault()}");
    }
}
