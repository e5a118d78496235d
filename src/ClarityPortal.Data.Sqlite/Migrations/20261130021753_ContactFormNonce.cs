using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ClarityPortal.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ContactFormNonce : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "FormNonce",
                table: "ContactRequests",
                type: "TEXT",
                maxLength: 32,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_ContactRequests_FormNonce",
                table: "ContactRequests",
                column: "FormNonce",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ContactRequests_FormNonce",
                table: "ContactRequests");

            migrationBuilder.DropColumn(
                name: "FormNonce",
                table: "ContactRequests");
        }
    }
}
