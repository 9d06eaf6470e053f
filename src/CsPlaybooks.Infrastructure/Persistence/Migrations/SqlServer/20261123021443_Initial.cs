using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CsPlaybooks.Infrastructure.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "account_history",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    account_id = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    at = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    field = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    old_value = table.Column<string>(type: "nvarchar(max)", nullable: true),
                    new_value = table.Column<string>(type: "nvarchar(max)", nullable: true),
                    source = table.Column<string>(type: "nvarchar(300)", maxLength: 300, nullable: false),
                    instance_id = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    reason = table.Column<string>(type: "nvarchar(max)", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_account_history", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "accounts",
                columns: table => new
                {
                    id = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    name = table.Column<string>(type: "nvarchar(300)", maxLength: 300, nullable: false),
                    json = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    revision = table.Column<int>(type: "int", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_accounts", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "bookmarks",
                columns: table => new
                {
                    id = table.Column<string>(type: "nvarchar(80)", maxLength: 80, nullable: false),
                    instance_id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    account_id = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    step_id = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    event_name = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    due_at = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    claimed_by = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true),
                    claimed_until = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_bookmarks", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "event_deliveries",
                columns: table => new
                {
                    event_id = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    instance_id = table.Column<Guid>(type: "uniqueidentifier", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_event_deliveries", x => new { x.event_id, x.instance_id });
                });

            migrationBuilder.CreateTable(
                name: "events",
                columns: table => new
                {
                    id = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    name = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    account_id = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    data_json = table.Column<string>(type: "nvarchar(max)", nullable: true),
                    received_at = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    processed_at = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    outcome = table.Column<string>(type: "nvarchar(max)", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_events", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "incidents",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    instance_id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    step_id = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true),
                    kind = table.Column<string>(type: "nvarchar(50)", maxLength: 50, nullable: false),
                    message = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    outbox_id = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    at = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    resolved_at = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_incidents", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "instances",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    playbook_id = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    version = table.Column<int>(type: "int", nullable: false),
                    account_id = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    status = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    state_json = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    revision = table.Column<int>(type: "int", nullable: false),
                    holdout = table.Column<bool>(type: "bit", nullable: false),
                    enrolment_key = table.Column<string>(type: "nvarchar(400)", maxLength: 400, nullable: true),
                    reentry_guard = table.Column<string>(type: "nvarchar(250)", maxLength: 250, nullable: true),
                    faulted_step_id = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true),
                    fault_message = table.Column<string>(type: "nvarchar(max)", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    finished_at = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_instances", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "journal",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    instance_id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    at = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    step_id = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true),
                    kind = table.Column<string>(type: "nvarchar(50)", maxLength: 50, nullable: false),
                    summary = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    detail_json = table.Column<string>(type: "nvarchar(max)", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_journal", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "outbox",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    instance_id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    step_id = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    kind = table.Column<string>(type: "nvarchar(50)", maxLength: 50, nullable: false),
                    dedup_key = table.Column<string>(type: "nvarchar(300)", maxLength: 300, nullable: false),
                    payload_json = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    state = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    attempts = table.Column<int>(type: "int", nullable: false),
                    next_attempt_at = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    last_error = table.Column<string>(type: "nvarchar(max)", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    sent_at = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    claimed_by = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true),
                    claimed_until = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_outbox", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "playbook_versions",
                columns: table => new
                {
                    playbook_id = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    version = table.Column<int>(type: "int", nullable: false),
                    json = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    content_hash = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    note = table.Column<string>(type: "nvarchar(max)", nullable: true),
                    published_by = table.Column<string>(type: "nvarchar(max)", nullable: true),
                    published_at = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    trigger_type = table.Column<string>(type: "nvarchar(50)", maxLength: 50, nullable: true),
                    trigger_event = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_playbook_versions", x => new { x.playbook_id, x.version });
                });

            migrationBuilder.CreateTable(
                name: "playbooks",
                columns: table => new
                {
                    id = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    name = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    draft_json = table.Column<string>(type: "nvarchar(max)", nullable: true),
                    draft_updated_at = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    latest_version = table.Column<int>(type: "int", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_playbooks", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_account_history_account_id_at",
                table: "account_history",
                columns: new[] { "account_id", "at" });

            migrationBuilder.CreateIndex(
                name: "IX_account_history_field_at",
                table: "account_history",
                columns: new[] { "field", "at" });

            migrationBuilder.CreateIndex(
                name: "IX_bookmarks_account_id_event_name",
                table: "bookmarks",
                columns: new[] { "account_id", "event_name" });

            migrationBuilder.CreateIndex(
                name: "IX_bookmarks_due_at",
                table: "bookmarks",
                column: "due_at");

            migrationBuilder.CreateIndex(
                name: "IX_bookmarks_instance_id",
                table: "bookmarks",
                column: "instance_id");

            migrationBuilder.CreateIndex(
                name: "IX_events_account_id_received_at",
                table: "events",
                columns: new[] { "account_id", "received_at" });

            migrationBuilder.CreateIndex(
                name: "IX_events_processed_at",
                table: "events",
                column: "processed_at");

            migrationBuilder.CreateIndex(
                name: "IX_incidents_instance_id",
                table: "incidents",
                column: "instance_id");

            migrationBuilder.CreateIndex(
                name: "IX_instances_account_id_status",
                table: "instances",
                columns: new[] { "account_id", "status" });

            migrationBuilder.CreateIndex(
                name: "IX_instances_enrolment_key",
                table: "instances",
                column: "enrolment_key",
                unique: true,
                filter: "[enrolment_key] IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_instances_playbook_id_version_status",
                table: "instances",
                columns: new[] { "playbook_id", "version", "status" });

            migrationBuilder.CreateIndex(
                name: "IX_instances_reentry_guard",
                table: "instances",
                column: "reentry_guard",
                unique: true,
                filter: "[reentry_guard] IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_journal_instance_id_id",
                table: "journal",
                columns: new[] { "instance_id", "id" });

            migrationBuilder.CreateIndex(
                name: "IX_outbox_dedup_key",
                table: "outbox",
                column: "dedup_key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_outbox_instance_id",
                table: "outbox",
                column: "instance_id");

            migrationBuilder.CreateIndex(
                name: "IX_outbox_state_next_attempt_at",
                table: "outbox",
                columns: new[] { "state", "next_attempt_at" });

            migrationBuilder.CreateIndex(
                name: "IX_playbook_versions_trigger_type_trigger_event",
                table: "playbook_versions",
                columns: new[] { "trigger_type", "trigger_event" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "account_history");

            migrationBuilder.DropTable(
                name: "accounts");

            migrationBuilder.DropTable(
                name: "bookmarks");

            migrationBuilder.DropTable(
                name: "event_deliveries");

            migrationBuilder.DropTable(
                name: "events");

            migrationBuilder.DropTable(
                name: "incidents");

            migrationBuilder.DropTable(
                name: "instances");

            migrationBuilder.DropTable(
                name: "journal");

            migrationBuilder.DropTable(
                name: "outbox");

            migrationBuilder.DropTable(
                name: "playbook_versions");

            migrationBuilder.DropTable(
                name: "playbooks");
        }
    }
}
