using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ClarityPortal.Data.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class Reminders : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "UnsubscribeUrl",
                table: "Outbox",
                type: "nvarchar(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ReminderLinkVersion",
                table: "AspNetUsers",
                type: "int",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<bool>(
                name: "RemindersOff",
                table: "AspNetUsers",
                type: "bit",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "RemindersPausedByCareTeam",
                table: "AspNetUsers",
                type: "bit",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "RemindersSent",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    PatientId = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: false),
                    Kind = table.Column<int>(type: "int", nullable: false),
                    ModuleId = table.Column<int>(type: "int", nullable: false),
                    Occasion = table.Column<DateOnly>(type: "date", nullable: false),
                    ClinicDay = table.Column<DateOnly>(type: "date", nullable: false),
                    SentAt = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RemindersSent", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SchedulerLeases",
                columns: table => new
                {
                    Name = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    Owner = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    Until = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SchedulerLeases", x => x.Name);
                });

            migrationBuilder.CreateIndex(
                name: "IX_RemindersSent_PatientId_ClinicDay",
                table: "RemindersSent",
                columns: new[] { "PatientId", "ClinicDay" });

            migrationBuilder.CreateIndex(
                name: "IX_RemindersSent_PatientId_Kind_ModuleId_Occasion",
                table: "RemindersSent",
                columns: new[] { "PatientId", "Kind", "ModuleId", "Occasion" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "RemindersSent");

            migrationBuilder.DropTable(
                name: "SchedulerLeases");

            migrationBuilder.DropColumn(
                name: "UnsubscribeUrl",
                table: "Outbox");

            migrationBuilder.DropColumn(
                name: "ReminderLinkVersion",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "RemindersOff",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "RemindersPausedByCareTeam",
                table: "AspNetUsers");
        }
    }
}
