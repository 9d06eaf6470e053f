using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CsPlaybooks.Infrastructure.Persistence.Migrations.Postgres
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
                    connector = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    object_type = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    modified_since = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    run_id = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_crm_cursors", x => new { x.connector, x.object_type });
                });

            migrationBuilder.CreateTable(
                name: "crm_sync_runs",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    connector = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    requested_by = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    full = table.Column<bool>(type: "boolean", nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    requested_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    finished_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    pages = table.Column<int>(type: "integer", nullable: false),
                    created = table.Column<int>(type: "integer", nullable: false),
                    updated = table.Column<int>(type: "integer", nullable: false),
                    unchanged = table.Column<int>(type: "integer", nullable: false),
                    skipped = table.Column<int>(type: "integer", nullable: false),
                    skipped_json = table.Column<string>(type: "text", nullable: false),
                    error = table.Column<string>(type: "text", nullable: true)
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
