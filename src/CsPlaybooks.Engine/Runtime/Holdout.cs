using System.Security.Cryptography;
using System.Text;

namespace CsPlaybooks.Engine.Runtime;

/// <summary>Deterministic control-group selection: the same account is always in or out of a playbook's holdout.</summary>
public static class Holdout
{
    public static bool IsHeldOut(string playbookId, string accountId, int percent)
    {
        if (percent <= 0) return false;
        if (percent >= 100) return true;
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{playbookId}/{accountId}"));
        return BitConverter.ToUInt32(hash, 0) % 100 < percent;
    }
}
