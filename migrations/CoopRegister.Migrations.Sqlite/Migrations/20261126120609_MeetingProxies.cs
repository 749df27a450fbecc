using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CoopRegister.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class MeetingProxies : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "ProxyBallots",
                table: "Meetings",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ProxyCap",
                table: "Meetings",
                type: "INTEGER",
                nullable: false,
                defaultValue: 5);

            migrationBuilder.AddColumn<DateTime>(
                name: "ProxyDeadline",
                table: "Meetings",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ProxyAppointments",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    MeetingId = table.Column<long>(type: "INTEGER", nullable: false),
                    AppointerMemberId = table.Column<long>(type: "INTEGER", nullable: false),
                    HolderMemberId = table.Column<long>(type: "INTEGER", nullable: true),
                    AppointedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    RevokedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    RevokedReason = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    Used = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProxyAppointments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ProxyAppointments_Meetings_MeetingId",
                        column: x => x.MeetingId,
                        principalTable: "Meetings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ProxyAppointments_Members_AppointerMemberId",
                        column: x => x.AppointerMemberId,
                        principalTable: "Members",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ProxyAppointments_Members_HolderMemberId",
                        column: x => x.HolderMemberId,
                        principalTable: "Members",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ProxyMandates",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ProxyId = table.Column<long>(type: "INTEGER", nullable: false),
                    MotionId = table.Column<long>(type: "INTEGER", nullable: false),
                    Mandate = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    HolderChoice = table.Column<string>(type: "TEXT", maxLength: 8, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProxyMandates", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ProxyMandates_Motions_MotionId",
                        column: x => x.MotionId,
                        principalTable: "Motions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ProxyMandates_ProxyAppointments_ProxyId",
                        column: x => x.ProxyId,
                        principalTable: "ProxyAppointments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ProxyAppointments_AppointerMemberId",
                table: "ProxyAppointments",
                column: "AppointerMemberId");

            migrationBuilder.CreateIndex(
                name: "IX_ProxyAppointments_HolderMemberId",
                table: "ProxyAppointments",
                column: "HolderMemberId");

            migrationBuilder.CreateIndex(
                name: "IX_ProxyAppointments_MeetingId_AppointerMemberId",
                table: "ProxyAppointments",
                columns: new[] { "MeetingId", "AppointerMemberId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ProxyAppointments_MeetingId_HolderMemberId",
                table: "ProxyAppointments",
                columns: new[] { "MeetingId", "HolderMemberId" });

            migrationBuilder.CreateIndex(
                name: "IX_ProxyMandates_MotionId",
                table: "ProxyMandates",
                column: "MotionId");

            migrationBuilder.CreateIndex(
                name: "IX_ProxyMandates_ProxyId_MotionId",
                table: "ProxyMandates",
                columns: new[] { "ProxyId", "MotionId" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ProxyMandates");

            migrationBuilder.DropTable(
                name: "ProxyAppointments");

            migrationBuilder.DropColumn(
                name: "ProxyBallots",
                table: "Meetings");

            migrationBuilder.DropColumn(
                name: "ProxyCap",
                table: "Meetings");

            migrationBuilder.DropColumn(
                name: "ProxyDeadline",
                table: "Meetings");
        }
    }
}
