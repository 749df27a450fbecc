using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace CoopRegister.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class Certificates : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "YearEndDay",
                table: "Society",
                type: "integer",
                nullable: false,
                defaultValue: 31);

            migrationBuilder.AddColumn<int>(
                name: "YearEndMonth",
                table: "Society",
                type: "integer",
                nullable: false,
                defaultValue: 12);

            migrationBuilder.CreateTable(
                name: "Certificates",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Number = table.Column<long>(type: "bigint", nullable: false),
                    DuplicateSequence = table.Column<int>(type: "integer", nullable: false),
                    MemberId = table.Column<long>(type: "bigint", nullable: false),
                    ShareClassId = table.Column<int>(type: "integer", nullable: false),
                    Shares = table.Column<long>(type: "bigint", nullable: false),
                    NominalValuePence = table.Column<long>(type: "bigint", nullable: false),
                    AmountPaidPence = table.Column<long>(type: "bigint", nullable: false),
                    IssuedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    LedgerEntryId = table.Column<long>(type: "bigint", nullable: true),
                    ReplacedById = table.Column<long>(type: "bigint", nullable: true),
                    VerificationCode = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    EndedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    EndReason = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false, defaultValue: 0L)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Certificates", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Certificates_Certificates_ReplacedById",
                        column: x => x.ReplacedById,
                        principalTable: "Certificates",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Certificates_Members_MemberId",
                        column: x => x.MemberId,
                        principalTable: "Members",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Certificates_ShareClasses_ShareClassId",
                        column: x => x.ShareClassId,
                        principalTable: "ShareClasses",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "CertificateSettings",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false),
                    IssueOnAllotment = table.Column<bool>(type: "boolean", nullable: false),
                    Mode = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    FirstSignatoryName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    FirstSignatoryOffice = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    FirstSignatureImage = table.Column<byte[]>(type: "bytea", maxLength: 524288, nullable: true),
                    SecondSignatoryName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    SecondSignatoryOffice = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    SecondSignatureImage = table.Column<byte[]>(type: "bytea", maxLength: 524288, nullable: true),
                    Logo = table.Column<byte[]>(type: "bytea", maxLength: 524288, nullable: true),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false, defaultValue: 0L)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CertificateSettings", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Certificates_IssuedOn_Number",
                table: "Certificates",
                columns: new[] { "IssuedOn", "Number" });

            migrationBuilder.CreateIndex(
                name: "IX_Certificates_MemberId_ShareClassId_Status",
                table: "Certificates",
                columns: new[] { "MemberId", "ShareClassId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Certificates_Number_DuplicateSequence",
                table: "Certificates",
                columns: new[] { "Number", "DuplicateSequence" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Certificates_ReplacedById",
                table: "Certificates",
                column: "ReplacedById");

            migrationBuilder.CreateIndex(
                name: "IX_Certificates_ShareClassId",
                table: "Certificates",
                column: "ShareClassId");

            migrationBuilder.CreateIndex(
                name: "IX_Certificates_VerificationCode",
                table: "Certificates",
                column: "VerificationCode",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Certificates");

            migrationBuilder.DropTable(
                name: "CertificateSettings");

            migrationBuilder.DropColumn(
                name: "YearEndDay",
                table: "Society");

            migrationBuilder.DropColumn(
                name: "YearEndMonth",
                table: "Society");
        }
    }
}
