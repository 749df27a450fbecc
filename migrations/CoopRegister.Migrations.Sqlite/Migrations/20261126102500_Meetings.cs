using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CoopRegister.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Meetings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Meetings",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    NoticeDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    NoticeClearDays = table.Column<int>(type: "INTEGER", nullable: false),
                    VotingOpensAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    VotingClosesAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    RollTakenAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    RollHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    RollSize = table.Column<long>(type: "INTEGER", nullable: false),
                    VotedCount = table.Column<long>(type: "INTEGER", nullable: true),
                    VotingOpenedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    VotingClosedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CountedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    DeclaredAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    DeclaredBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false, defaultValue: 0L),
                    EligibleMemberOnMeetingDate = table.Column<bool>(type: "INTEGER", nullable: false),
                    EligibleMemberOnNoticeDate = table.Column<bool>(type: "INTEGER", nullable: false),
                    EligibleMinimumAge = table.Column<int>(type: "INTEGER", nullable: true),
                    EligibleMinimumHoldingFullyPaid = table.Column<bool>(type: "INTEGER", nullable: false),
                    QuorumCountsInPerson = table.Column<bool>(type: "INTEGER", nullable: false),
                    QuorumCountsProxies = table.Column<bool>(type: "INTEGER", nullable: false),
                    QuorumKind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    QuorumMembers = table.Column<int>(type: "INTEGER", nullable: false),
                    QuorumPercent = table.Column<int>(type: "INTEGER", nullable: false),
                    QuorumTestedAt = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Meetings", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Ballots",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    MeetingId = table.Column<long>(type: "INTEGER", nullable: false),
                    Channel = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    ReceiptCode = table.Column<string>(type: "TEXT", maxLength: 14, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Ballots", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Ballots_Meetings_MeetingId",
                        column: x => x.MeetingId,
                        principalTable: "Meetings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "MeetingSections",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    MeetingId = table.Column<long>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Place = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MeetingSections", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MeetingSections_Meetings_MeetingId",
                        column: x => x.MeetingId,
                        principalTable: "Meetings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Motions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    MeetingId = table.Column<long>(type: "INTEGER", nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    ForVotes = table.Column<long>(type: "INTEGER", nullable: true),
                    AgainstVotes = table.Column<long>(type: "INTEGER", nullable: true),
                    Abstentions = table.Column<long>(type: "INTEGER", nullable: true),
                    VotesCast = table.Column<long>(type: "INTEGER", nullable: true),
                    Carried = table.Column<bool>(type: "INTEGER", nullable: true),
                    AbstentionsCount = table.Column<bool>(type: "INTEGER", nullable: false),
                    ThresholdDenominator = table.Column<int>(type: "INTEGER", nullable: false),
                    ThresholdKind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    ThresholdNumerator = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Motions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Motions_Meetings_MeetingId",
                        column: x => x.MeetingId,
                        principalTable: "Meetings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "VoterRoll",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    MeetingId = table.Column<long>(type: "INTEGER", nullable: false),
                    MemberId = table.Column<long>(type: "INTEGER", nullable: false),
                    SectionId = table.Column<long>(type: "INTEGER", nullable: true),
                    VotedBy = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_VoterRoll", x => x.Id);
                    table.ForeignKey(
                        name: "FK_VoterRoll_MeetingSections_SectionId",
                        column: x => x.SectionId,
                        principalTable: "MeetingSections",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_VoterRoll_Meetings_MeetingId",
                        column: x => x.MeetingId,
                        principalTable: "Meetings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_VoterRoll_Members_MemberId",
                        column: x => x.MemberId,
                        principalTable: "Members",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "BallotChoices",
                columns: table => new
                {
                    BallotId = table.Column<Guid>(type: "TEXT", nullable: false),
                    MotionId = table.Column<long>(type: "INTEGER", nullable: false),
                    Choice = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BallotChoices", x => new { x.BallotId, x.MotionId });
                    table.ForeignKey(
                        name: "FK_BallotChoices_Ballots_BallotId",
                        column: x => x.BallotId,
                        principalTable: "Ballots",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_BallotChoices_Motions_MotionId",
                        column: x => x.MotionId,
                        principalTable: "Motions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_BallotChoices_MotionId_Choice",
                table: "BallotChoices",
                columns: new[] { "MotionId", "Choice" });

            migrationBuilder.CreateIndex(
                name: "IX_Ballots_MeetingId_ReceiptCode",
                table: "Ballots",
                columns: new[] { "MeetingId", "ReceiptCode" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Meetings_Status",
                table: "Meetings",
                column: "Status");

            migrationBuilder.CreateIndex(
                name: "IX_MeetingSections_MeetingId_Name",
                table: "MeetingSections",
                columns: new[] { "MeetingId", "Name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Motions_MeetingId_Number",
                table: "Motions",
                columns: new[] { "MeetingId", "Number" });

            migrationBuilder.CreateIndex(
                name: "IX_VoterRoll_MeetingId_MemberId",
                table: "VoterRoll",
                columns: new[] { "MeetingId", "MemberId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_VoterRoll_MemberId",
                table: "VoterRoll",
                column: "MemberId");

            migrationBuilder.CreateIndex(
                name: "IX_VoterRoll_SectionId",
                table: "VoterRoll",
                column: "SectionId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "BallotChoices");

            migrationBuilder.DropTable(
                name: "VoterRoll");

            migrationBuilder.DropTable(
                name: "Ballots");

            migrationBuilder.DropTable(
                name: "Motions");

            migrationBuilder.DropTable(
                name: "MeetingSections");

            migrationBuilder.DropTable(
                name: "Meetings");
        }
    }
}
