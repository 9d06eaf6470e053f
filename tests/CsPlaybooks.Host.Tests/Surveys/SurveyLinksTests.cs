using CsPlaybooks.Host.Tests.Support;
using CsPlaybooks.Infrastructure.Email;
using CsPlaybooks.Infrastructure.Surveys;
using Microsoft.Extensions.DependencyInjection;

namespace CsPlaybooks.Host.Tests.Surveys;

/// <summary>Survey score links are signed by the unsubscribe links' signer (the host's shared key): any change to a token breaks it.</summary>
public sealed class SurveyLinksTests(SqliteHost fixture) : IClassFixture<SqliteHost>
{
    private static readonly DateTimeOffset SentAt = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    private SurveyLinks Links => fixture.Host.Services.GetRequiredService<SurveyLinks>();
    private UnsubscribeTokens Tokens => fixture.Host.Services.GetRequiredService<UnsubscribeTokens>();

    [Fact]
    public void Read_TokenItCreated_EmailScoreAndExpiryNinetyDaysAfterSending()
    {
        var email = Guid.NewGuid();
        Assert.Equal(new SurveyLink(email, 7, SentAt.AddDays(90)), Links.Read(Links.Create(email, 7, SentAt)));
    }

    [Fact]
    public void Read_AnyCharacterChanged_Null()
    {
        var token = Links.Create(Guid.NewGuid(), 7, SentAt);
        for (var i = 0; i < token.Length; i++)
        {
            if (token[i] == '.') continue;
            var altered = token[..i] + FlipTopBit(token[i]) + token[(i + 1)..];
            Assert.Null(Links.Read(altered));
        }
    }

    /// <summary>Another base64url digit differing in its highest bit, which every position of a token encodes.</summary>
    private static char FlipTopBit(char c)
    {
        const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        return Alphabet[Alphabet.IndexOf(c) ^ 32];
    }

    [Fact]
    public void Read_ScoreSwappedUnderAnotherScoresSignature_Null()
    {
        var email = Guid.NewGuid();
        var (low, high) = (Links.Create(email, 0, SentAt), Links.Create(email, 10, SentAt));
        Assert.Null(Links.Read(high[..high.IndexOf('.')] + low[low.IndexOf('.')..]));
    }

    [Theory]
    [InlineData("")]
    [InlineData("no-dot")]
    [InlineData(".")]
    [InlineData("!!!.???")]
    [InlineData("abc.")]
    public void Read_Malformed_Null(string token) => Assert.Null(Links.Read(token));

    [Fact]
    public void Read_TokensOfTheOtherPurpose_RefusedBothWays()
    {
        var unsubscribe = Tokens.Create("acct-1", "c1");
        Assert.Null(Links.Read(unsubscribe));
        Assert.Null(Tokens.Read(Links.Create(Guid.NewGuid(), 3, SentAt)));
        Assert.Equal(("acct-1", "c1"), Tokens.Read(unsubscribe));
    }

    [Fact]
    public void Sign_FieldWithLineBreak_Refused() =>
        Assert.Throws<ArgumentException>(() => Tokens.Sign("survey", "a\nb"));
}
