using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ClarityPortal.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ClinicDetails : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ClinicDetails",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Phone = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Address = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    Hours = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    AfterHours = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    PrivacyNotice = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                    Terms = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                    IsSample = table.Column<bool>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ClinicDetails", x => x.Id);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ClinicDetails");
        }
    }
}
