using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CoopRegister.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class LedgerCoveringIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_LedgerEntries_MemberId_EffectiveDate_Id",
                table: "LedgerEntries");

            migrationBuilder.CreateIndex(
                name: "IX_LedgerEntries_MemberId_ShareClassId_EffectiveDate_Shares_Am~",
                table: "LedgerEntries",
                columns: new[] { "MemberId", "ShareClassId", "EffectiveDate", "Shares", "AmountPaidPence" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_LedgerEntries_MemberId_ShareClassId_EffectiveDate_Shares_Am~",
                table: "LedgerEntries");

            migrationBuilder.CreateIndex(
                name: "IX_LedgerEntries_MemberId_EffectiveDate_Id",
                table: "LedgerEntries",
                columns: new[] { "MemberId", "EffectiveDate", "Id" });
        }
    }
}
