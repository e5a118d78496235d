using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ClarityPortal.Data.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class SectionExplorerSteps : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "ExplorerSteps",
                table: "Sections",
                type: "int",
                nullable: false,
                defaultValue: 0);

            // Sections synced before this column existed: the explorer block in the body means its seven steps.
            // EXEC: an idempotent script compiles each batch before the new column exists.
            migrationBuilder.Sql(
                "EXEC(N'UPDATE [Sections] SET [ExplorerSteps] = 7 WHERE [Body] LIKE N''%::: mechanism-explorer%''')");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ExplorerSteps",
                table: "Sections");
        }
    }
}
