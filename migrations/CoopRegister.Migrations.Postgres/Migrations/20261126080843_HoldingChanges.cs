using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace CoopRegister.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class HoldingChanges : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "GoneAwayYears",
                table: "Society",
                type: "integer",
                nullable: false,
                defaultValue: 2);

            migrationBuilder.AddColumn<string>(
                name: "OnLostContact",
                table: "ShareClasses",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "ConvertToDebt");

            migrationBuilder.AddColumn<string>(
                name: "CeasedKind",
                table: "Members",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "LastContactOn",
                table: "Members",
                type: "date",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ContactFailures",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    MemberId = table.Column<long>(type: "bigint", nullable: false),
                    On = table.Column<DateOnly>(type: "date", nullable: false),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Note = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    RecordedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    RecordedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ContactFailures", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ContactFailures_Members_MemberId",
                        column: x => x.MemberId,
                        principalTable: "Members",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "DeathCases",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    MemberId = table.Column<long>(type: "bigint", nullable: false),
                    DateOfDeath = table.Column<DateOnly>(type: "date", nullable: false),
                    NotifiedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    NotifiedBy = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    EvidenceSeen = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    NominationFound = table.Column<bool>(type: "boolean", nullable: true),
                    Route = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    SettledPence = table.Column<long>(type: "bigint", nullable: true),
                    SettledOn = table.Column<DateOnly>(type: "date", nullable: true),
                    SettledTo = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    TransmittedToMemberId = table.Column<long>(type: "bigint", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false, defaultValue: 0L)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DeathCases", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DeathCases_Members_MemberId",
                        column: x => x.MemberId,
                        principalTable: "Members",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "MemberDebts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    MemberId = table.Column<long>(type: "bigint", nullable: false),
                    AmountPence = table.Column<long>(type: "bigint", nullable: false),
                    ArisenOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Reason = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    PaidOn = table.Column<DateOnly>(type: "date", nullable: true),
                    PaymentReference = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Version = table.Column<long>(type: "bigint", nullable: false, defaultValue: 0L)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MemberDebts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MemberDebts_Members_MemberId",
                        column: x => x.MemberId,
                        principalTable: "Members",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Nominations",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    MemberId = table.Column<long>(type: "bigint", nullable: false),
                    NomineeName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    NomineeAddress = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    Relationship = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: true),
                    ShareBasisPoints = table.Column<int>(type: "integer", nullable: false),
                    NomineeIsOfficerOrEmployee = table.Column<bool>(type: "boolean", nullable: false),
                    SignedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    ReceivedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    RevokedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    RevokedReason = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    ReplacedById = table.Column<long>(type: "bigint", nullable: true),
                    RecordedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    RecordedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false, defaultValue: 0L)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Nominations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Nominations_Members_MemberId",
                        column: x => x.MemberId,
                        principalTable: "Members",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Nominations_Nominations_ReplacedById",
                        column: x => x.ReplacedById,
                        principalTable: "Nominations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Officers",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Address = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    Office = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    DateOfBirth = table.Column<DateOnly>(type: "date", nullable: true),
                    MemberId = table.Column<long>(type: "bigint", nullable: true),
                    AppointedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    CeasedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    CeasedReason = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    RecordedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false, defaultValue: 0L)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Officers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Officers_Members_MemberId",
                        column: x => x.MemberId,
                        principalTable: "Members",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Transfers",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    FromMemberId = table.Column<long>(type: "bigint", nullable: false),
                    ToMemberId = table.Column<long>(type: "bigint", nullable: false),
                    ShareClassId = table.Column<int>(type: "integer", nullable: false),
                    Shares = table.Column<long>(type: "bigint", nullable: false),
                    AmountPaidPence = table.Column<long>(type: "bigint", nullable: false),
                    FormSignedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    ConsentedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    ConsentMinutes = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    EffectiveDate = table.Column<DateOnly>(type: "date", nullable: false),
                    OutEntryId = table.Column<long>(type: "bigint", nullable: false),
                    InEntryId = table.Column<long>(type: "bigint", nullable: false),
                    RecordedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    RecordedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Transfers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Transfers_Members_FromMemberId",
                        column: x => x.FromMemberId,
                        principalTable: "Members",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Transfers_Members_ToMemberId",
                        column: x => x.ToMemberId,
                        principalTable: "Members",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Transfers_ShareClasses_ShareClassId",
                        column: x => x.ShareClassId,
                        principalTable: "ShareClasses",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "WithdrawalBudgets",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    PeriodStart = table.Column<DateOnly>(type: "date", nullable: false),
                    PeriodEnd = table.Column<DateOnly>(type: "date", nullable: false),
                    AmountPence = table.Column<long>(type: "bigint", nullable: false),
                    Minutes = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WithdrawalBudgets", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Withdrawals",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    MemberId = table.Column<long>(type: "bigint", nullable: false),
                    ShareClassId = table.Column<int>(type: "integer", nullable: false),
                    Shares = table.Column<long>(type: "bigint", nullable: false),
                    Source = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    NoticeGivenOn = table.Column<DateOnly>(type: "date", nullable: false),
                    EarliestPayoutOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    DecisionMinutes = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    DecidedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    PaidOn = table.Column<DateOnly>(type: "date", nullable: true),
                    PaidPence = table.Column<long>(type: "bigint", nullable: true),
                    PaymentMethod = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    PaymentReference = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    LedgerEntryId = table.Column<long>(type: "bigint", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false, defaultValue: 0L)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Withdrawals", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Withdrawals_Members_MemberId",
                        column: x => x.MemberId,
                        principalTable: "Members",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Withdrawals_ShareClasses_ShareClassId",
                        column: x => x.ShareClassId,
                        principalTable: "ShareClasses",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "WithdrawalSuspensions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    From = table.Column<DateOnly>(type: "date", nullable: false),
                    To = table.Column<DateOnly>(type: "date", nullable: true),
                    Reason = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Minutes = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false, defaultValue: 0L)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WithdrawalSuspensions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "WithdrawalSteps",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    WithdrawalRequestId = table.Column<long>(type: "bigint", nullable: false),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    By = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    What = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WithdrawalSteps", x => x.Id);
                    table.ForeignKey(
                        name: "FK_WithdrawalSteps_Withdrawals_WithdrawalRequestId",
                        column: x => x.WithdrawalRequestId,
                        principalTable: "Withdrawals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Members_LastContactOn_MemberNumber",
                table: "Members",
                columns: new[] { "LastContactOn", "MemberNumber" });

            migrationBuilder.CreateIndex(
                name: "IX_ContactFailures_MemberId_On",
                table: "ContactFailures",
                columns: new[] { "MemberId", "On" });

            migrationBuilder.CreateIndex(
                name: "IX_DeathCases_MemberId",
                table: "DeathCases",
                column: "MemberId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_MemberDebts_MemberId",
                table: "MemberDebts",
                column: "MemberId");

            migrationBuilder.CreateIndex(
                name: "IX_Nominations_MemberId_ReceivedOn",
                table: "Nominations",
                columns: new[] { "MemberId", "ReceivedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_Nominations_ReplacedById",
                table: "Nominations",
                column: "ReplacedById");

            migrationBuilder.CreateIndex(
                name: "IX_Officers_CeasedOn_AppointedOn",
                table: "Officers",
                columns: new[] { "CeasedOn", "AppointedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_Officers_MemberId",
                table: "Officers",
                column: "MemberId");

            migrationBuilder.CreateIndex(
                name: "IX_Transfers_EffectiveDate",
                table: "Transfers",
                column: "EffectiveDate");

            migrationBuilder.CreateIndex(
                name: "IX_Transfers_FromMemberId",
                table: "Transfers",
                column: "FromMemberId");

            migrationBuilder.CreateIndex(
                name: "IX_Transfers_ShareClassId",
                table: "Transfers",
                column: "ShareClassId");

            migrationBuilder.CreateIndex(
                name: "IX_Transfers_ToMemberId",
                table: "Transfers",
                column: "ToMemberId");

            migrationBuilder.CreateIndex(
                name: "IX_WithdrawalBudgets_PeriodStart",
                table: "WithdrawalBudgets",
                column: "PeriodStart");

            migrationBuilder.CreateIndex(
                name: "IX_Withdrawals_MemberId",
                table: "Withdrawals",
                column: "MemberId");

            migrationBuilder.CreateIndex(
                name: "IX_Withdrawals_ShareClassId",
                table: "Withdrawals",
                column: "ShareClassId");

            migrationBuilder.CreateIndex(
                name: "IX_Withdrawals_Status_NoticeGivenOn_Id",
                table: "Withdrawals",
                columns: new[] { "Status", "NoticeGivenOn", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_WithdrawalSteps_WithdrawalRequestId",
                table: "WithdrawalSteps",
                column: "WithdrawalRequestId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ContactFailures");

            migrationBuilder.DropTable(
                name: "DeathCases");

            migrationBuilder.DropTable(
                name: "MemberDebts");

            migrationBuilder.DropTable(
                name: "Nominations");

            migrationBuilder.DropTable(
                name: "Officers");

            migrationBuilder.DropTable(
                name: "Transfers");

            migrationBuilder.DropTable(
                name: "WithdrawalBudgets");

            migrationBuilder.DropTable(
                name: "WithdrawalSteps");

            migrationBuilder.DropTable(
                name: "WithdrawalSuspensions");

            migrationBuilder.DropTable(
                name: "Withdrawals");

            migrationBuilder.DropIndex(
                name: "IX_Members_LastContactOn_MemberNumber",
                table: "Members");

            migrationBuilder.DropColumn(
                name: "GoneAwayYears",
                table: "Society");

            migrationBuilder.DropColumn(
                name: "OnLostContact",
                table: "ShareClasses");

            migrationBuilder.DropColumn(
                name: "CeasedKind",
                table: "Members");

            migrationBuilder.DropColumn(
                name: "LastContactOn",
                table: "Members");
        }
    }
}
