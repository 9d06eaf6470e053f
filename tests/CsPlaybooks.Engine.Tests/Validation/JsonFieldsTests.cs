using System.Text.Json.Nodes;
using CsPlaybooks.Engine.Definitions;
using CsPlaybooks.Engine.Validation;

namespace CsPlaybooks.Engine.Tests.Validation;

public sealed class JsonFieldsTests
{
    private static (JsonFields Fields, List<DefinitionError> Errors) Read(string json)
    {
        var errors = new List<DefinitionError>();
        return (new JsonFields(JsonNode.Parse(json)!.AsObject(), errors), errors);
    }

    [Fact]
    public void String_Number_ReportsTypeWithoutThrowing()
    {
        var (fields, errors) = Read("""{ "name": 42 }""");
        Assert.Null(fields.String("name", 10));
        Assert.Equal("'name' must be a string, not the number 42", Assert.Single(errors).Message);
    }

    [Fact]
    public void String_AtLimit_IsRead_OverLimit_IsReported()
    {
        var (fields, errors) = Read($$"""{ "a": "{{new string('x', 5)}}", "b": "{{new string('x', 6)}}" }""");
        Assert.Equal(5, fields.String("a", 5)!.Length);
        Assert.Null(fields.String("b", 5));
        Assert.Equal("'b' is 6 characters long; at most 5 are allowed", Assert.Single(errors).Message);
    }

    [Fact]
    public void String_Nul_IsReported()
    {
        var (fields, errors) = Read("""{ "name": "a\u0000b" }""");
        Assert.Null(fields.String("name", 10));
        Assert.Contains("NUL", Assert.Single(errors).Message);
    }

    [Fact]
    public void String_RequiredBlank_IsReported()
    {
        var (fields, errors) = Read("""{ "name": "  " }""");
        Assert.Null(fields.String("name", 10, required: true));
        Assert.Equal("'name' is required", Assert.Single(errors).Message);
    }

    [Fact]
    public void Objects_NestedFields_AreNamedByPath()
    {
        var (fields, errors) = Read("""{ "contacts": [ { "email": "a@b.c" }, "x", { "email": 5 } ] }""");
        foreach (var contact in fields.Objects("contacts")!) contact.String("email", 320);
        Assert.Equal(["contacts[1]", "contacts[2].email"], errors.Select(e => e.Field));
    }

    [Fact]
    public void Object_OverSize_IsReported_String_IsATypeError()
    {
        var (fields, errors) = Read($$"""{ "data": { "pad": "{{new string('x', 100)}}" }, "input": "{}" }""");
        Assert.Null(fields.Object("data", 50));
        Assert.Null(fields.Object("input", 50));
        Assert.Equal(["data", "input"], errors.Select(e => e.Field));
        Assert.Equal("'input' must be an object, not \"{}\"", errors[1].Message);
    }

    [Fact]
    public void Strings_BadElement_IsNamedByIndex()
    {
        var (fields, errors) = Read("""{ "tiers": [ "KA", 4 ] }""");
        Assert.Null(fields.Strings("tiers", 10));
        Assert.Equal("tiers[1]", Assert.Single(errors).Field);
    }

    [Theory]
    [InlineData("""{ "isLead": "yes" }""", "isLead")]
    [InlineData("""{ "capacity": 2.5 }""", "capacity")]
    [InlineData("""{ "value": "lots" }""", "value")]
    [InlineData("""{ "start": 20260101 }""", "start")]
    public void ScalarReaders_WrongType_AreReported(string json, string field)
    {
        var (fields, errors) = Read(json);
        _ = fields.Bool("isLead");
        _ = fields.Int("capacity", 0, 100);
        _ = fields.Number("value");
        _ = fields.Date("start");
        Assert.Equal(field, Assert.Single(errors).Field);
    }
}
