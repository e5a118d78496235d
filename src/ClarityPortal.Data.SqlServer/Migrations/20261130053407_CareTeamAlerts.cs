using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ClarityPortal.Data.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class CareTeamAlerts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "AlertPreference",
                table: "AspNetUsers",
                type: "int",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateOnly>(
                name: "LastAlertDigestOn",
                table: "AspNetUsers",
                type: "date",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "StaffAlerts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    StaffId = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: false),
                    Code = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    MailedAt = table.Column<DateTime>(type: "datetime2", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StaffAlerts", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_StaffAlerts_MailedAt_StaffId",
                table: "StaffAlerts",
                columns: new[] { "MailedAt", "StaffId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "StaffAlerts");

            migrationBuilder.DropColumn(
                name: "AlertPreference",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "LastAlertDigestOn",
                table: "AspNetUsers");
        }
    }
}
