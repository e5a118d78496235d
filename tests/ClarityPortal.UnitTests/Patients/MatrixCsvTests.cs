using System.Text;
using ClarityPortal.Web.Features.Patients.Matrix;

namespace ClarityPortal.UnitTests.Patients;

public class MatrixCsvTests
{
    private static readonly MatrixColumn[] Columns = [new(1, "how-ketamine-works", "How ketamine works")];

    private static async Task<string[]> LinesAsync(string name, string email)
    {
        var row = new MatrixRow(
            "p1",
            name,
            email,
            new DateOnly(2026, 12, 2),
            [new MatrixCell(1, CellStatus.InProgress, 50, new DateOnly(2026, 12, 1), true)]
        );
        var bytes = await MatrixCsv.WriteAsync(Columns, [row]);
        return Encoding.UTF8.GetString(bytes).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
    }

    [Theory]
    [InlineData("=HYPERLINK(\"http://evil.example\",\"click\")")]
    [InlineData("+1+2")]
    [InlineData("-2+3")]
    [InlineData("@SUM(A1)")]
    public async Task CellsThatASpreadsheetWouldRunAsAFormulaAreNeutralised(string name)
    {
        var lines = await LinesAsync(name, "x@example.com");

        var first = lines[1].Split(',')[0].Trim('"');
        Assert.StartsWith("'", first, StringComparison.Ordinal);
        Assert.Contains(name[..2], lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task OrdinaryValuesAreWrittenAsTheyAreWithAHeaderPerModuleAndDueDate()
    {
        var lines = await LinesAsync("Sam Rivera", "sam@example.com");

        Assert.Equal("Patient,Email,Next session,How ketamine works,How ketamine works due", lines[0]);
        Assert.Equal("Sam Rivera,sam@example.com,2026-12-02,In progress 50%,2026-12-01", lines[1]);
    }

    [Fact]
    public async Task CommasAndQuotesInNamesStayInsideTheirCell()
    {
        var lines = await LinesAsync("Lee, \"Jo\"", "jo@example.com");

        Assert.StartsWith("\"Lee, \"\"Jo\"\"\",jo@example.com", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheFileStartsWithAByteOrderMarkAndEndsEveryRowWithCrLf()
    {
        // Excel reads a CSV as UTF-8 only with the mark; without it "Zoë" comes out as "ZoÃ«".
        MatrixRow[] rows =
        [
            new("p1", "Zoë Park", "zoe@example.com", null, [new MatrixCell(1, CellStatus.NotStarted, 0, null, true)]),
            new(
                "p2",
                "Sam Rivera",
                "sam@example.com",
                new DateOnly(2026, 12, 2),
                [new MatrixCell(1, CellStatus.Complete, 100, new DateOnly(2026, 12, 1), true)]
            ),
        ];

        var bytes = await MatrixCsv.WriteAsync(Columns, rows);

        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        Assert.Equal(
            "Patient,Email,Next session,How ketamine works,How ketamine works due\r\n"
                + "Zoë Park,zoe@example.com,,Not started,\r\n" // no session and no due day: empty cells
                + "Sam Rivera,sam@example.com,2026-12-02,Complete,2026-12-01\r\n",
            Encoding.UTF8.GetString(bytes[3..])
        );
    }
}
