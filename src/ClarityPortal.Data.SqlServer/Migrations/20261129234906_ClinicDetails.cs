using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ClarityPortal.Data.SqlServer.Migrations
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
                    Id = table.Column<int>(type: "int", nullable: false),
                    Name = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    Phone = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    Address = table.Column<string>(type: "nvarchar(400)", maxLength: 400, nullable: false),
                    Hours = table.Column<string>(type: "nvarchar(400)", maxLength: 400, nullable: false),
                    AfterHours = table.Column<string>(type: "nvarchar(400)", maxLength: 400, nullable: false),
                    PrivacyNotice = table.Column<string>(type: "nvarchar(max)", maxLength: 20000, nullable: false),
                    Terms = table.Column<string>(type: "nvarchar(max)", maxLength: 20000, nullable: false),
                    IsSample = table.Column<bool>(type: "bit", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    UpdatedBy = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: false)
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
