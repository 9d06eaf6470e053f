using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CsPlaybooks.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CrmSync : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "crm_cursors",
                columns: table => new
                {
                    connector = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    object_type = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    modified_since = table.Column<long>(type: "INTEGER", nullable: false),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: false),
                    run_id = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_crm_cursors", x => new { x.connector, x.object_type });
                });

            migrationBuilder.CreateTable(
                name: "crm_sync_runs",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    connector = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    requested_by = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    full = table.Column<bool>(type: "INTEGER", nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    requested_at = table.Column<long>(type: "INTEGER", nullable: false),
                    started_at = table.Column<long>(type: "INTEGER", nullable: true),
                    finished_at = table.Column<long>(type: "INTEGER", nullable: true),
                    pages = table.Column<int>(type: "INTEGER", nullable: false),
                    created = table.Column<int>(type: "INTEGER", nullable: false),
                    updated = table.Column<int>(type: "INTEGER", nullable: false),
                    unchanged = table.Column<int>(type: "INTEGER", nullable: false),
                    skipped = table.Column<int>(type: "INTEGER", nullable: false),
                    skipped_json = table.Column<string>(type: "TEXT", nullable: false),
                    error = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_crm_sync_runs", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_crm_sync_runs_connector_status",
                table: "crm_sync_runs",
                columns: new[] { "connector", "status" });

            migrationBuilder.CreateIndex(
                name: "IX_crm_sync_runs_requested_at",
                table: "crm_sync_runs",
                column: "requested_at");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "crm_cursors");

            migrationBuilder.DropTable(
                name: "crm_sync_runs");
        }
    }
}
