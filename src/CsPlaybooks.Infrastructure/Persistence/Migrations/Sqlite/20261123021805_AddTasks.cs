using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CsPlaybooks.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddTasks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "csm_assignments",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    account_id = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    from_csm_id = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    to_csm_id = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    reason = table.Column<string>(type: "TEXT", nullable: false),
                    by = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_csm_assignments", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "csms",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    email = table.Column<string>(type: "TEXT", maxLength: 320, nullable: true),
                    graph_user_id = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    graph_list_id = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    touch_model = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    capacity = table.Column<int>(type: "INTEGER", nullable: true),
                    industries_json = table.Column<string>(type: "TEXT", nullable: false),
                    tiers_json = table.Column<string>(type: "TEXT", nullable: false),
                    is_lead = table.Column<bool>(type: "INTEGER", nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_csms", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "tasks",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    key = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    source = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    instance_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    account_id = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    step_id = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    assignee_role = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    assignee_csm_id = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    title = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    description = table.Column<string>(type: "TEXT", nullable: true),
                    due_at = table.Column<long>(type: "INTEGER", nullable: true),
                    priority = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    required = table.Column<bool>(type: "INTEGER", nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    completed_at = table.Column<long>(type: "INTEGER", nullable: true),
                    completed_by = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    escalated_at = table.Column<long>(type: "INTEGER", nullable: true),
                    graph_user_id = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    graph_list_id = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    graph_task_id = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_tasks", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_csm_assignments_account_id_at",
                table: "csm_assignments",
                columns: new[] { "account_id", "at" });

            migrationBuilder.CreateIndex(
                name: "IX_tasks_account_id_status",
                table: "tasks",
                columns: new[] { "account_id", "status" });

            migrationBuilder.CreateIndex(
                name: "IX_tasks_assignee_csm_id_status",
                table: "tasks",
                columns: new[] { "assignee_csm_id", "status" });

            migrationBuilder.CreateIndex(
                name: "IX_tasks_instance_id",
                table: "tasks",
                column: "instance_id");

            migrationBuilder.CreateIndex(
                name: "IX_tasks_key",
                table: "tasks",
                column: "key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_tasks_status_required_due_at",
                table: "tasks",
                columns: new[] { "status", "required", "due_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "csm_assignments");

            migrationBuilder.DropTable(
                name: "csms");

            migrationBuilder.DropTable(
                name: "tasks");
        }
    }
}
