using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace CoopRegister.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class RegisterCore : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Members",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    MemberNumber = table.Column<long>(type: "INTEGER", nullable: false),
                    NameKey = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    SurnameKey = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    FamilyNameKey = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    PostcodeKey = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    EmailKey = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    MarketingConsent = table.Column<bool>(type: "INTEGER", nullable: false),
                    MarketingConsentChangedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    DateEntered = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    DateCeased = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    CeasedReason = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false, defaultValue: 0L),
                    Address = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Country = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    DateOfBirth = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Email = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    JointHolders = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    NoticesByEmail = table.Column<bool>(type: "INTEGER", nullable: false),
                    OrganisationNumber = table.Column<string>(type: "TEXT", maxLength: 30, nullable: true),
                    Phone = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    Postcode = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    RepresentativeName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    RepresentedBody = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    RepresentedBodyAddress = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Members", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "NumberCounters",
                columns: table => new
                {
                    Name = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Next = table.Column<long>(type: "INTEGER", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false, defaultValue: 0L)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NumberCounters", x => x.Name);
                });

            migrationBuilder.CreateTable(
                name: "ShareClasses",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Code = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    NominalValuePence = table.Column<long>(type: "INTEGER", nullable: false),
                    Withdrawable = table.Column<bool>(type: "INTEGER", nullable: false),
                    Transferable = table.Column<bool>(type: "INTEGER", nullable: false),
                    ConfersMembership = table.Column<bool>(type: "INTEGER", nullable: false),
                    MinimumHoldingShares = table.Column<int>(type: "INTEGER", nullable: false),
                    MaximumHoldingPence = table.Column<long>(type: "INTEGER", nullable: false),
                    AllowedKinds = table.Column<int>(type: "INTEGER", nullable: false),
                    Active = table.Column<bool>(type: "INTEGER", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false, defaultValue: 0L)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ShareClasses", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Applications",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Reference = table.Column<string>(type: "TEXT", maxLength: 9, nullable: false),
                    StatusTokenHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    MarketingConsent = table.Column<bool>(type: "INTEGER", nullable: false),
                    ShareClassId = table.Column<int>(type: "INTEGER", nullable: false),
                    SharesRequested = table.Column<long>(type: "INTEGER", nullable: false),
                    NominalValuePence = table.Column<long>(type: "INTEGER", nullable: false),
                    AmountPence = table.Column<long>(type: "INTEGER", nullable: false),
                    PaymentMethod = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    InstalmentPence = table.Column<long>(type: "INTEGER", nullable: true),
                    DeclarationsAcceptedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    MemberId = table.Column<long>(type: "INTEGER", nullable: true),
                    MatchDecision = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    PaidPence = table.Column<long>(type: "INTEGER", nullable: false),
                    AllottedShares = table.Column<long>(type: "INTEGER", nullable: false),
                    LastAllotmentDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ClosedReason = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    SubmittedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    MinimumFirstAllotmentShares = table.Column<long>(type: "INTEGER", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false, defaultValue: 0L),
                    ApplicantAddress = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    ApplicantCountry = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    ApplicantDateOfBirth = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ApplicantEmail = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    ApplicantJointHolders = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    ApplicantKind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    ApplicantName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ApplicantNoticesByEmail = table.Column<bool>(type: "INTEGER", nullable: false),
                    ApplicantOrganisationNumber = table.Column<string>(type: "TEXT", maxLength: 30, nullable: true),
                    ApplicantPhone = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    ApplicantPostcode = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    ApplicantRepresentativeName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    ApplicantRepresentedBody = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    ApplicantRepresentedBodyAddress = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Applications", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Applications_Members_MemberId",
                        column: x => x.MemberId,
                        principalTable: "Members",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Applications_ShareClasses_ShareClassId",
                        column: x => x.ShareClassId,
                        principalTable: "ShareClasses",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Holdings",
                columns: table => new
                {
                    MemberId = table.Column<long>(type: "INTEGER", nullable: false),
                    ShareClassId = table.Column<int>(type: "INTEGER", nullable: false),
                    Shares = table.Column<long>(type: "INTEGER", nullable: false),
                    AmountPaidPence = table.Column<long>(type: "INTEGER", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false, defaultValue: 0L)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Holdings", x => new { x.MemberId, x.ShareClassId });
                    table.ForeignKey(
                        name: "FK_Holdings_Members_MemberId",
                        column: x => x.MemberId,
                        principalTable: "Members",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Holdings_ShareClasses_ShareClassId",
                        column: x => x.ShareClassId,
                        principalTable: "ShareClasses",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "LedgerEntries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    MemberId = table.Column<long>(type: "INTEGER", nullable: false),
                    ShareClassId = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    EffectiveDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Shares = table.Column<long>(type: "INTEGER", nullable: false),
                    AmountPaidPence = table.Column<long>(type: "INTEGER", nullable: false),
                    Reference = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    ApplicationId = table.Column<long>(type: "INTEGER", nullable: true),
                    ReversesEntryId = table.Column<long>(type: "INTEGER", nullable: true),
                    Note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    RecordedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LedgerEntries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_LedgerEntries_LedgerEntries_ReversesEntryId",
                        column: x => x.ReversesEntryId,
                        principalTable: "LedgerEntries",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_LedgerEntries_Members_MemberId",
                        column: x => x.MemberId,
                        principalTable: "Members",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_LedgerEntries_ShareClasses_ShareClassId",
                        column: x => x.ShareClassId,
                        principalTable: "ShareClasses",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ApplicationEvents",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ApplicationId = table.Column<long>(type: "INTEGER", nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    By = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    What = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ApplicationEvents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ApplicationEvents_Applications_ApplicationId",
                        column: x => x.ApplicationId,
                        principalTable: "Applications",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ApplicationPayments",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ApplicationId = table.Column<long>(type: "INTEGER", nullable: false),
                    AmountPence = table.Column<long>(type: "INTEGER", nullable: false),
                    ReceivedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Method = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Reference = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    RecordedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ApplicationPayments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ApplicationPayments_Applications_ApplicationId",
                        column: x => x.ApplicationId,
                        principalTable: "Applications",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.InsertData(
                table: "NumberCounters",
                columns: new[] { "Name", "Next", "Version" },
                values: new object[,]
                {
                    { "certificate", 1L, 0L },
                    { "member", 1L, 0L }
                });

            migrationBuilder.CreateIndex(
                name: "IX_ApplicationEvents_ApplicationId",
                table: "ApplicationEvents",
                column: "ApplicationId");

            migrationBuilder.CreateIndex(
                name: "IX_ApplicationPayments_ApplicationId",
                table: "ApplicationPayments",
                column: "ApplicationId");

            migrationBuilder.CreateIndex(
                name: "IX_ApplicationPayments_ReceivedOn",
                table: "ApplicationPayments",
                column: "ReceivedOn");

            migrationBuilder.CreateIndex(
                name: "IX_Applications_MemberId",
                table: "Applications",
                column: "MemberId");

            migrationBuilder.CreateIndex(
                name: "IX_Applications_Reference",
                table: "Applications",
                column: "Reference",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Applications_ShareClassId",
                table: "Applications",
                column: "ShareClassId");

            migrationBuilder.CreateIndex(
                name: "IX_Applications_Status_SubmittedAt",
                table: "Applications",
                columns: new[] { "Status", "SubmittedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Applications_SubmittedAt",
                table: "Applications",
                column: "SubmittedAt");

            migrationBuilder.CreateIndex(
                name: "IX_Holdings_ShareClassId",
                table: "Holdings",
                column: "ShareClassId");

            migrationBuilder.CreateIndex(
                name: "IX_LedgerEntries_ApplicationId",
                table: "LedgerEntries",
                column: "ApplicationId");

            migrationBuilder.CreateIndex(
                name: "IX_LedgerEntries_EffectiveDate_Id",
                table: "LedgerEntries",
                columns: new[] { "EffectiveDate", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_LedgerEntries_MemberId_EffectiveDate_Id",
                table: "LedgerEntries",
                columns: new[] { "MemberId", "EffectiveDate", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_LedgerEntries_ReversesEntryId",
                table: "LedgerEntries",
                column: "ReversesEntryId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_LedgerEntries_ShareClassId",
                table: "LedgerEntries",
                column: "ShareClassId");

            migrationBuilder.CreateIndex(
                name: "IX_Members_DateCeased",
                table: "Members",
                column: "DateCeased");

            migrationBuilder.CreateIndex(
                name: "IX_Members_DateEntered_MemberNumber",
                table: "Members",
                columns: new[] { "DateEntered", "MemberNumber" });

            migrationBuilder.CreateIndex(
                name: "IX_Members_EmailKey_MemberNumber",
                table: "Members",
                columns: new[] { "EmailKey", "MemberNumber" });

            migrationBuilder.CreateIndex(
                name: "IX_Members_FamilyNameKey_MemberNumber",
                table: "Members",
                columns: new[] { "FamilyNameKey", "MemberNumber" });

            migrationBuilder.CreateIndex(
                name: "IX_Members_MemberNumber",
                table: "Members",
                column: "MemberNumber",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Members_NameKey_MemberNumber",
                table: "Members",
                columns: new[] { "NameKey", "MemberNumber" });

            migrationBuilder.CreateIndex(
                name: "IX_Members_PostcodeKey_MemberNumber",
                table: "Members",
                columns: new[] { "PostcodeKey", "MemberNumber" });

            migrationBuilder.CreateIndex(
                name: "IX_Members_SurnameKey_MemberNumber",
                table: "Members",
                columns: new[] { "SurnameKey", "MemberNumber" });

            migrationBuilder.CreateIndex(
                name: "IX_ShareClasses_Code",
                table: "ShareClasses",
                column: "Code",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ApplicationEvents");

            migrationBuilder.DropTable(
                name: "ApplicationPayments");

            migrationBuilder.DropTable(
                name: "Holdings");

            migrationBuilder.DropTable(
                name: "LedgerEntries");

            migrationBuilder.DropTable(
                name: "NumberCounters");

            migrationBuilder.DropTable(
                name: "Applications");

            migrationBuilder.DropTable(
                name: "Members");

            migrationBuilder.DropTable(
                name: "ShareClasses");
        }
    }
}
