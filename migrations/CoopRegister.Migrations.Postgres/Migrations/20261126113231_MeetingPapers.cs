using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace CoopRegister.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class MeetingPapers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "AttendedSectionId",
                table: "VoterRoll",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "PaperAbstentions",
                table: "Motions",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "PaperAgainst",
                table: "Motions",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "PaperFor",
                table: "Motions",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "OnlineBallots",
                table: "Meetings",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "PaperBallots",
                table: "Meetings",
                type: "bigint",
                nullable: true);

            // Meetings called before this migration keep the default rule (VotePrecedence.OnlineVoteCounts), not an empty value.

            migrationBuilder.AddColumn<string>(
                name: "Precedence",
                table: "Meetings",
                type: "character varying(32)",
                maxLength: 32,
                nullable: false,
                defaultValue: "OnlineVoteCounts");

            migrationBuilder.AddColumn<string>(
                name: "ReconciliationDifferences",
                table: "Meetings",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ReconciliationNote",
                table: "Meetings",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "ReconciliationNotedAt",
                table: "Meetings",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ReconciliationNotedBy",
                table: "Meetings",
                type: "character varying(256)",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ReconciliationNotedById",
                table: "Meetings",
                type: "character varying(256)",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "ReconciliationSignedOffAt",
                table: "Meetings",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ReconciliationSignedOffBy",
                table: "Meetings",
                type: "character varying(256)",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "SpoiltPapers",
                table: "Meetings",
                type: "bigint",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "PaperBatches",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    MeetingId = table.Column<long>(type: "bigint", nullable: false),
                    SectionId = table.Column<long>(type: "bigint", nullable: false),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    ValidPapers = table.Column<int>(type: "integer", nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    KeyedById = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    KeyedByName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    KeyedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CheckedById = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    CheckedByName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    CheckedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PaperBatches", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PaperBatches_MeetingSections_SectionId",
                        column: x => x.SectionId,
                        principalTable: "MeetingSections",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PaperBatches_Meetings_MeetingId",
                        column: x => x.MeetingId,
                        principalTable: "Meetings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "QuorumChecks",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    MeetingId = table.Column<long>(type: "bigint", nullable: false),
                    SectionId = table.Column<long>(type: "bigint", nullable: false),
                    MotionNumber = table.Column<int>(type: "integer", nullable: true),
                    PresentInPerson = table.Column<long>(type: "bigint", nullable: false),
                    PresentByProxy = table.Column<long>(type: "bigint", nullable: false),
                    Required = table.Column<long>(type: "bigint", nullable: false),
                    Met = table.Column<bool>(type: "boolean", nullable: false),
                    TestedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    TestedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_QuorumChecks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_QuorumChecks_MeetingSections_SectionId",
                        column: x => x.SectionId,
                        principalTable: "MeetingSections",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_QuorumChecks_Meetings_MeetingId",
                        column: x => x.MeetingId,
                        principalTable: "Meetings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PaperBatchCounts",
                columns: table => new
                {
                    BatchId = table.Column<long>(type: "bigint", nullable: false),
                    MotionId = table.Column<long>(type: "bigint", nullable: false),
                    For = table.Column<int>(type: "integer", nullable: false),
                    Against = table.Column<int>(type: "integer", nullable: false),
                    Abstain = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PaperBatchCounts", x => new { x.BatchId, x.MotionId });
                    table.ForeignKey(
                        name: "FK_PaperBatchCounts_Motions_MotionId",
                        column: x => x.MotionId,
                        principalTable: "Motions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PaperBatchCounts_PaperBatches_BatchId",
                        column: x => x.BatchId,
                        principalTable: "PaperBatches",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SpoiltPapers",
                columns: table => new
                {
                    BatchId = table.Column<long>(type: "bigint", nullable: false),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    Reason = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SpoiltPapers", x => new { x.BatchId, x.Number });
                    table.ForeignKey(
                        name: "FK_SpoiltPapers_PaperBatches_BatchId",
                        column: x => x.BatchId,
                        principalTable: "PaperBatches",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_VoterRoll_AttendedSectionId",
                table: "VoterRoll",
                column: "AttendedSectionId");

            migrationBuilder.CreateIndex(
                name: "IX_VoterRoll_MeetingId_AttendedSectionId",
                table: "VoterRoll",
                columns: new[] { "MeetingId", "AttendedSectionId" });

            migrationBuilder.CreateIndex(
                name: "IX_PaperBatchCounts_MotionId",
                table: "PaperBatchCounts",
                column: "MotionId");

            migrationBuilder.CreateIndex(
                name: "IX_PaperBatches_MeetingId_Number",
                table: "PaperBatches",
                columns: new[] { "MeetingId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PaperBatches_SectionId",
                table: "PaperBatches",
                column: "SectionId");

            migrationBuilder.CreateIndex(
                name: "IX_QuorumChecks_MeetingId_SectionId",
                table: "QuorumChecks",
                columns: new[] { "MeetingId", "SectionId" });

            migrationBuilder.CreateIndex(
                name: "IX_QuorumChecks_SectionId",
                table: "QuorumChecks",
                column: "SectionId");

            migrationBuilder.AddForeignKey(
                name: "FK_VoterRoll_MeetingSections_AttendedSectionId",
                table: "VoterRoll",
                column: "AttendedSectionId",
                principalTable: "MeetingSections",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_VoterRoll_MeetingSections_AttendedSectionId",
                table: "VoterRoll");

            migrationBuilder.DropTable(
                name: "PaperBatchCounts");

            migrationBuilder.DropTable(
                name: "QuorumChecks");

            migrationBuilder.DropTable(
                name: "SpoiltPapers");

            migrationBuilder.DropTable(
                name: "PaperBatches");

            migrationBuilder.DropIndex(
                name: "IX_VoterRoll_AttendedSectionId",
                table: "VoterRoll");

            migrationBuilder.DropIndex(
                name: "IX_VoterRoll_MeetingId_AttendedSectionId",
                table: "VoterRoll");

            migrationBuilder.DropColumn(
                name: "AttendedSectionId",
                table: "VoterRoll");

            migrationBuilder.DropColumn(
                name: "PaperAbstentions",
                table: "Motions");

            migrationBuilder.DropColumn(
                name: "PaperAgainst",
                table: "Motions");

            migrationBuilder.DropColumn(
                name: "PaperFor",
                table: "Motions");

            migrationBuilder.DropColumn(
                name: "OnlineBallots",
                table: "Meetings");

            migrationBuilder.DropColumn(
                name: "PaperBallots",
                table: "Meetings");

            migrationBuilder.DropColumn(
                name: "Precedence",
                table: "Meetings");

            migrationBuilder.DropColumn(
                name: "ReconciliationDifferences",
                table: "Meetings");

            migrationBuilder.DropColumn(
                name: "ReconciliationNote",
                table: "Meetings");

            migrationBuilder.DropColumn(
                name: "ReconciliationNotedAt",
                table: "Meetings");

            migrationBuilder.DropColumn(
                name: "ReconciliationNotedBy",
                table: "Meetings");

            migrationBuilder.DropColumn(
                name: "ReconciliationNotedById",
                table: "Meetings");

            migrationBuilder.DropColumn(
                name: "ReconciliationSignedOffAt",
                table: "Meetings");

            migrationBuilder.DropColumn(
                name: "ReconciliationSignedOffBy",
                table: "Meetings");

            migrationBuilder.DropColumn(
                name: "SpoiltPapers",
                table: "Meetings");
        }
    }
}
