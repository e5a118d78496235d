using System.Globalization;
using System.Text;
using CsvHelper;

namespace ClarityPortal.Web.Features.Patients.Matrix;

/// <summary>
/// The matrix as CSV (CsvHelper, RFC 4180). Cells a spreadsheet would run as a formula — starting with <c>=</c>,
/// <c>+</c>,
/// <c>-</c>, <c>@</c>, tab or carriage return — get a leading apostrophe, so a patient named "=HYPERLINK(…)" stays
/// text.
/// </summary>
public static class MatrixCsv
{
    public static readonly CsvWriterOptions Options = new()
    {
        Injection = CsvInjection.Escape,
        InjectionCharacters = "=+-@\t\r",
        InjectionEscape = '\'',
    };

    public static async Task<byte[]> WriteAsync(
        IReadOnlyList<MatrixColumn> columns,
        IEnumerable<MatrixRow> rows,
        CancellationToken ct = default
    )
    {
        await using var buffer = new MemoryStream();
        await using (
            var text = new StreamWriter(
                buffer,
                new UTF8Encoding(true),
                // Stryker disable once Boolean : closing the buffer early changes nothing: ToArray reads a closed one
                leaveOpen: true
            )
        )
        await using (
            var csv = CsvWriter.Create(
                text,
                Options,
                // Stryker disable once Boolean : the text writer is disposed right after anyway, by its own using
                leaveOpen: true
            )
        )
        {
            csv.WriteField("Patient");
            csv.WriteField("Email");
            csv.WriteField("Next session");
            foreach (var c in columns)
            {
                csv.WriteField(c.Title);
                csv.WriteField($"{c.Title} due");
            }

            await csv.EndRecordAsync(ct);
            foreach (var row in rows)
            {
                csv.WriteField(row.Name);
                csv.WriteField(row.Email);
                csv.WriteField(Day(row.NextSessionOn));
                foreach (var cell in row.Cells)
                {
                    csv.WriteField(cell.Label);
                    csv.WriteField(Day(cell.DueOn));
                }

                await csv.EndRecordAsync(ct);
            }

            // Stryker disable once Statement : disposing the writer just below flushes it too
            await csv.FlushAsync(ct);
        }

        return buffer.ToArray();
    }

    private static string Day(DateOnly? day) => day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";
}
