namespace CsPlaybooks.Infrastructure.Outbox;

/// <summary>
/// Thrown by a handler when a message must wait (quiet hours, a frequency cap) rather than fail: the pump sets the
/// next attempt to <see cref="Until"/> and shows <see cref="Reason"/> as the message's last error, without counting
/// an attempt, so a deferral never leads to a failure.
/// </summary>
public sealed class DeliveryDeferredException(DateTimeOffset until, string reason) : Exception(reason)
{
    public DateTimeOffset Until { get; } = until;
    public string Reason { get; } = reason;
}
