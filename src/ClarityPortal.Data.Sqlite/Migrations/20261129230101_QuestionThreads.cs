using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ClarityPortal.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class QuestionThreads : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "AwaitingReply",
                table: "ContactRequests",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            // Patients' module questions still open (new, in progress or scheduled) are waiting for a reply.
            migrationBuilder.Sql(
                "UPDATE \"ContactRequests\" SET \"AwaitingReply\" = 1 WHERE \"Topic\" = 4 AND \"Status\" IN (0, 1, 2)");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "AwaitingReply",
                table: "ContactRequests");
        }
    }
}
