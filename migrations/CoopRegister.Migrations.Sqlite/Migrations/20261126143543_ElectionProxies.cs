using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CoopRegister.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ElectionProxies : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ProxyElectionPreferences",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ProxyId = table.Column<long>(type: "INTEGER", nullable: false),
                    ElectionId = table.Column<long>(type: "INTEGER", nullable: false),
                    CandidateId = table.Column<long>(type: "INTEGER", nullable: false),
                    Rank = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProxyElectionPreferences", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ProxyElectionPreferences_ElectionCandidates_CandidateId",
                        column: x => x.CandidateId,
                        principalTable: "ElectionCandidates",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ProxyElectionPreferences_Elections_ElectionId",
                        column: x => x.ElectionId,
                        principalTable: "Elections",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ProxyElectionPreferences_ProxyAppointments_ProxyId",
                        column: x => x.ProxyId,
                        principalTable: "ProxyAppointments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ProxyElectionPreferences_CandidateId",
                table: "ProxyElectionPreferences",
                column: "CandidateId");

            migrationBuilder.CreateIndex(
                name: "IX_ProxyElectionPreferences_ElectionId",
                table: "ProxyElectionPreferences",
                column: "ElectionId");

            migrationBuilder.CreateIndex(
                name: "IX_ProxyElectionPreferences_ProxyId_ElectionId_CandidateId",
                table: "ProxyElectionPreferences",
                columns: new[] { "ProxyId", "ElectionId", "CandidateId" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ProxyElectionPreferences");
        }
    }
}
