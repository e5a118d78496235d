using ClarityPortal.LoadDriver;

namespace ClarityPortal.IntegrationTests.LoadDriver;

/// <summary>The driver's command line: a mistyped run stops at once, naming the option, before any traffic.</summary>
public sealed class DriverCommandTests
{
    [Theory]
    [InlineData("--scenario readers --circuit 10", "'--circuit'")]
    [InlineData("--scenario readers --circuits ten", "not 'ten'")]
    [InlineData("--scenario readers --circuits 0", "not '0'")]
    [InlineData("--scenario readers --plateaus 250,x", "not 'x'")]
    [InlineData("--scenario readers --duration soon", "not 'soon'")]
    [InlineData("--scenario readers --duration", "'--duration'")]
    [InlineData("--base not-a-url", "absolute URL")]
    [InlineData("--scenario dancers", "Unknown scenario 'dancers'")]
    public async Task AnOptionTheDriverCannotReadStopsItWithAMessageNamingIt(string line, string expected)
    {
        var error = new StringWriter();

        var exit = await DriverCommand.RunAsync(line.Split(' '), error);

        Assert.Equal(2, exit);
        Assert.Contains(expected, error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("60s", 60_000)]
    [InlineData("500ms", 500)]
    [InlineData("2m", 120_000)]
    [InlineData("1.5", 1_500)]
    public void DurationsReadInSecondsMillisecondsOrMinutes(string text, double milliseconds) =>
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), DriverCommand.Duration(text));
}
