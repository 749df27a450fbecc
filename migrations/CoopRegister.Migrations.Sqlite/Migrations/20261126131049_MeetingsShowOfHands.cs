using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CoopRegister.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class MeetingsShowOfHands : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "ChosenSectionId",
                table: "VoterRoll",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ConfirmationMaximumMonths",
                table: "Society",
                type: "INTEGER",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<int>(
                name: "ConfirmationMinimumDays",
                table: "Society",
                type: "INTEGER",
                nullable: false,
                defaultValue: 14);

            migrationBuilder.AddColumn<DateOnly>(
                name: "ConfirmBy",
                table: "Motions",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "ConfirmFrom",
                table: "Motions",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "ConfirmsResolutionId",
                table: "Motions",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DecidedBy",
                table: "Motions",
                type: "TEXT",
                maxLength: 16,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "PollDemands",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    MeetingId = table.Column<long>(type: "INTEGER", nullable: false),
                    MotionId = table.Column<long>(type: "INTEGER", nullable: false),
                    SectionId = table.Column<long>(type: "INTEGER", nullable: false),
                    DemandedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    RecordedByName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    RecordedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PollDemands", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PollDemands_MeetingSections_SectionId",
                        column: x => x.SectionId,
                        principalTable: "MeetingSections",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PollDemands_Meetings_MeetingId",
                        column: x => x.MeetingId,
                        principalTable: "Meetings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_PollDemands_Motions_MotionId",
                        column: x => x.MotionId,
                        principalTable: "Motions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ShowsOfHands",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    MeetingId = table.Column<long>(type: "INTEGER", nullable: false),
                    MotionId = table.Column<long>(type: "INTEGER", nullable: false),
                    SectionId = table.Column<long>(type: "INTEGER", nullable: false),
                    For = table.Column<long>(type: "INTEGER", nullable: true),
                    Against = table.Column<long>(type: "INTEGER", nullable: true),
                    Abstain = table.Column<long>(type: "INTEGER", nullable: true),
                    DeclaredCarried = table.Column<bool>(type: "INTEGER", nullable: true),
                    RecordedById = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    RecordedByName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    RecordedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ShowsOfHands", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ShowsOfHands_MeetingSections_SectionId",
                        column: x => x.SectionId,
                        principalTable: "MeetingSections",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ShowsOfHands_Meetings_MeetingId",
                        column: x => x.MeetingId,
                        principalTable: "Meetings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ShowsOfHands_Motions_MotionId",
                        column: x => x.MotionId,
                        principalTable: "Motions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "SpecialResolutions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    FirstMeetingId = table.Column<long>(type: "INTEGER", nullable: false),
                    FirstMotionId = table.Column<long>(type: "INTEGER", nullable: false),
                    CarriedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ConfirmFrom = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ConfirmBy = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    ConfirmingMeetingId = table.Column<long>(type: "INTEGER", nullable: true),
                    ConfirmingMotionId = table.Column<long>(type: "INTEGER", nullable: true),
                    SettledOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Version = table.Column<long>(type: "INTEGER", nullable: false, defaultValue: 0L)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SpecialResolutions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SpecialResolutions_Meetings_ConfirmingMeetingId",
                        column: x => x.ConfirmingMeetingId,
                        principalTable: "Meetings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_SpecialResolutions_Meetings_FirstMeetingId",
                        column: x => x.FirstMeetingId,
                        principalTable: "Meetings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_SpecialResolutions_Motions_ConfirmingMotionId",
                        column: x => x.ConfirmingMotionId,
                        principalTable: "Motions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_SpecialResolutions_Motions_FirstMotionId",
                        column: x => x.FirstMotionId,
                        principalTable: "Motions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_VoterRoll_ChosenSectionId",
                table: "VoterRoll",
                column: "ChosenSectionId");

            migrationBuilder.CreateIndex(
                name: "IX_VoterRoll_MeetingId_ChosenSectionId",
                table: "VoterRoll",
                columns: new[] { "MeetingId", "ChosenSectionId" });

            migrationBuilder.CreateIndex(
                name: "IX_Motions_ConfirmsResolutionId",
                table: "Motions",
                column: "ConfirmsResolutionId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PollDemands_MeetingId",
                table: "PollDemands",
                column: "MeetingId");

            migrationBuilder.CreateIndex(
                name: "IX_PollDemands_MotionId",
                table: "PollDemands",
                column: "MotionId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PollDemands_SectionId",
                table: "PollDemands",
                column: "SectionId");

            migrationBuilder.CreateIndex(
                name: "IX_ShowsOfHands_MeetingId",
                table: "ShowsOfHands",
                column: "MeetingId");

            migrationBuilder.CreateIndex(
                name: "IX_ShowsOfHands_MotionId_SectionId",
                table: "ShowsOfHands",
                columns: new[] { "MotionId", "SectionId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ShowsOfHands_SectionId",
                table: "ShowsOfHands",
                column: "SectionId");

            migrationBuilder.CreateIndex(
                name: "IX_SpecialResolutions_ConfirmingMeetingId",
                table: "SpecialResolutions",
                column: "ConfirmingMeetingId");

            migrationBuilder.CreateIndex(
                name: "IX_SpecialResolutions_ConfirmingMotionId",
                table: "SpecialResolutions",
                column: "ConfirmingMotionId");

            migrationBuilder.CreateIndex(
                name: "IX_SpecialResolutions_FirstMeetingId",
                table: "SpecialResolutions",
                column: "FirstMeetingId");

            migrationBuilder.CreateIndex(
                name: "IX_SpecialResolutions_FirstMotionId",
                table: "SpecialResolutions",
                column: "FirstMotionId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SpecialResolutions_Status",
                table: "SpecialResolutions",
                column: "Status");

            migrationBuilder.AddForeignKey(
                name: "FK_Motions_SpecialResolutions_ConfirmsResolutionId",
                table: "Motions",
                column: "ConfirmsResolutionId",
                principalTable: "SpecialResolutions",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_VoterRoll_MeetingSections_ChosenSectionId",
                table: "VoterRoll",
                column: "ChosenSectionId",
                principalTable: "MeetingSections",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Motions_SpecialResolutions_ConfirmsResolutionId",
                table: "Motions");

            migrationBuilder.DropForeignKey(
                name: "FK_VoterRoll_MeetingSections_ChosenSectionId",
                table: "VoterRoll");

            migrationBuilder.DropTable(
                name: "PollDemands");

            migrationBuilder.DropTable(
                name: "ShowsOfHands");

            migrationBuilder.DropTable(
                name: "SpecialResolutions");

            migrationBuilder.DropIndex(
                name: "IX_VoterRoll_ChosenSectionId",
                table: "VoterRoll");

            migrationBuilder.DropIndex(
                name: "IX_VoterRoll_MeetingId_ChosenSectionId",
                table: "VoterRoll");

            migrationBuilder.DropIndex(
                name: "IX_Motions_ConfirmsResolutionId",
                table: "Motions");

            migrationBuilder.DropColumn(
                name: "ChosenSectionId",
                table: "VoterRoll");

            migrationBuilder.DropColumn(
                name: "ConfirmationMaximumMonths",
                table: "Society");

            migrationBuilder.DropColumn(
                name: "ConfirmationMinimumDays",
                table: "Society");

            migrationBuilder.DropColumn(
                name: "ConfirmBy",
                table: "Motions");

            migrationBuilder.DropColumn(
                name: "ConfirmFrom",
                table: "Motions");

            migrationBuilder.DropColumn(
                name: "ConfirmsResolutionId",
                table: "Motions");

            migrationBuilder.DropColumn(
                name: "DecidedBy",
                table: "Motions");
        }
    }
}
