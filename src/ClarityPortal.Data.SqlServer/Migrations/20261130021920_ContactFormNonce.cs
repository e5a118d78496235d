using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ClarityPortal.Data.SqlServer.Migrations
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
                type: "nvarchar(32)",
                maxLength: 32,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_ContactRequests_FormNonce",
                table: "ContactRequests",
                column: "FormNonce",
                unique: true,
                filter: "[FormNonce] IS NOT NULL");
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
