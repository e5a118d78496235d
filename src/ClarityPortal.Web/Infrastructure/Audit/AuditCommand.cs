namespace ClarityPortal.Web.Infrastructure.Audit;

/// <summary>
/// <c>dotnet run --project src/ClarityPortal.Web -- verify-audit</c>: walks the chain with the key and compares it with
/// the anchor. Exit code 0 when intact; 2 naming the first bad or missing row.
/// </summary>
public static class AuditCommand
{
    public const string Name = "verify-audit";

    public static async Task<int> RunAsync(IServiceProvider services, TextWriter output)
    {
        var result = await services.GetRequiredService<AuditLog>().VerifyAsync();
        await output.WriteLineAsync(
            result.Intact
                ? $"The audit chain is intact: {result.RowsChecked} rows checked against the anchor."
                : $"The audit chain is broken: {result.Reason ?? $"row {result.FirstBrokenId}"}. "
                    + $"{result.RowsChecked} rows before it are intact."
        );
        return result.Intact ? 0 : 2;
    }
}
