using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ClarityPortal.Data.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class ProgressSummaries : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ProgressSummaries",
                columns: table => new
                {
                    PatientId = table.Column<string>(type: "nvarchar(450)", nullable: false),
                    ModuleId = table.Column<int>(type: "int", nullable: false),
                    Assigned = table.Column<bool>(type: "bit", nullable: false),
                    DueOn = table.Column<DateOnly>(type: "date", nullable: true),
                    Status = table.Column<int>(type: "int", nullable: false),
                    Percent = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProgressSummaries", x => new { x.PatientId, x.ModuleId });
                    table.ForeignKey(
                        name: "FK_ProgressSummaries_AspNetUsers_PatientId",
                        column: x => x.PatientId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ProgressSummaries_Modules_ModuleId",
                        column: x => x.ModuleId,
                        principalTable: "Modules",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ProgressSummaries_ModuleId",
                table: "ProgressSummaries",
                column: "ModuleId");

            migrationBuilder.CreateIndex(
                name: "IX_ProgressSummaries_PatientId_ModuleId_Status_Assigned_DueOn_Percent",
                table: "ProgressSummaries",
                columns: new[] { "PatientId", "ModuleId", "Status", "Assigned", "DueOn", "Percent" });

            // Backfill from the progress already stored: the same counts as ProgressFacts and the same status and
            // percent as ProgressRules (DatabaseTests.UpgradingBackfillsTheProgressSummaries compares them).
            migrationBuilder.Sql(
                """
                INSERT INTO [ProgressSummaries] ([PatientId], [ModuleId], [Assigned], [DueOn], [Status], [Percent])
                SELECT f.[PatientId], f.[ModuleId], f.[Assigned], f.[DueOn],
                    CASE
                        WHEN f.[ProgressId] IS NULL THEN 0
                        WHEN f.[Acknowledged] = 1 AND f.[MaterialSince] = 1 THEN 4
                        WHEN f.[Acknowledged] = 1 AND f.[ReadCount] >= f.[Sections] AND f.[Answered] >= f.[Checks] THEN 3
                        WHEN f.[ReadCount] >= f.[Sections] AND f.[Answered] >= f.[Checks] AND f.[Sections] > 0 THEN 2
                        ELSE 1
                    END,
                    CASE
                        WHEN f.[ProgressId] IS NULL OR f.[Sections] = 0 THEN 0
                        WHEN f.[ReadCount] >= f.[Sections] THEN 100
                        ELSE 100 * f.[ReadCount] / f.[Sections]
                    END
                FROM (
                    SELECT k.[PatientId], k.[ModuleId],
                        CAST(CASE WHEN a.[Id] IS NULL THEN 0 ELSE 1 END AS bit) AS [Assigned],
                        a.[DueOn],
                        p.[Id] AS [ProgressId],
                        (SELECT COUNT(*) FROM [Sections] AS s WHERE s.[RevisionId] = m.[CurrentRevisionId]) AS [Sections],
                        (SELECT COUNT(*) FROM [KnowledgeChecks] AS c
                            INNER JOIN [Sections] AS s ON s.[Id] = c.[SectionId]
                            WHERE s.[RevisionId] = m.[CurrentRevisionId]) AS [Checks],
                        CASE WHEN p.[AcknowledgedAt] IS NOT NULL
                            AND (p.[AcknowledgedAs] IS NULL OR p.[AcknowledgedAs] <> N'question') THEN 1 ELSE 0 END AS [Acknowledged],
                        CASE WHEN (p.[AcknowledgedAs] IS NULL OR p.[AcknowledgedAs] <> N'question')
                            AND p.[AcknowledgedRevisionId] IS NOT NULL
                            AND p.[AcknowledgedRevisionId] <> m.[CurrentRevisionId]
                            AND EXISTS (
                                SELECT 1 FROM [ModuleRevisions] AS r
                                WHERE r.[ModuleId] = m.[Id] AND r.[Id] > p.[AcknowledgedRevisionId] AND r.[ChangeKind] = 1
                            ) THEN 1 ELSE 0 END AS [MaterialSince],
                        (SELECT COUNT(*) FROM [SectionProgress] AS sp
                            WHERE sp.[PatientId] = k.[PatientId] AND sp.[ModuleId] = k.[ModuleId] AND sp.[ReadAt] IS NOT NULL
                            AND EXISTS (
                                SELECT 1 FROM [Sections] AS s
                                WHERE s.[RevisionId] = m.[CurrentRevisionId] AND s.[Key] = sp.[SectionKey]
                            )) AS [ReadCount],
                        (SELECT COUNT(*) FROM [KnowledgeChecks] AS c
                            INNER JOIN [Sections] AS s ON s.[Id] = c.[SectionId]
                            WHERE s.[RevisionId] = m.[CurrentRevisionId]
                            AND EXISTS (
                                SELECT 1 FROM [CheckAnswers] AS x
                                INNER JOIN [KnowledgeChecks] AS xc ON xc.[Id] = x.[CheckId]
                                INNER JOIN [Sections] AS xs ON xs.[Id] = xc.[SectionId]
                                INNER JOIN [ModuleRevisions] AS xr ON xr.[Id] = xs.[RevisionId]
                                WHERE x.[PatientId] = k.[PatientId] AND xc.[Order] = c.[Order] AND xs.[Key] = s.[Key]
                                    AND xr.[ModuleId] = m.[Id]
                            )) AS [Answered]
                    FROM (
                        SELECT [PatientId], [ModuleId] FROM [ModuleAssignments]
                        UNION
                        SELECT [PatientId], [ModuleId] FROM [ModuleProgress]
                    ) AS k
                    INNER JOIN [Modules] AS m ON m.[Id] = k.[ModuleId]
                    LEFT JOIN [ModuleAssignments] AS a ON a.[PatientId] = k.[PatientId] AND a.[ModuleId] = k.[ModuleId]
                    LEFT JOIN [ModuleProgress] AS p ON p.[PatientId] = k.[PatientId] AND p.[ModuleId] = k.[ModuleId]
                    WHERE m.[IsPublished] = 1 AND m.[CurrentRevisionId] IS NOT NULL
                ) AS f;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ProgressSummaries");
        }
    }
}
