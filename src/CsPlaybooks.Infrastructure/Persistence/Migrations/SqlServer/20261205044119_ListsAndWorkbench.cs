using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CsPlaybooks.Infrastructure.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class ListsAndWorkbench : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "form_json",
                table: "tasks",
                type: "nvarchar(max)",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "snoozed_until",
                table: "tasks",
                type: "datetimeoffset",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "contract_end",
                table: "accounts",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "health_band",
                table: "accounts",
                type: "nvarchar(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "health_score",
                table: "accounts",
                type: "int",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "industry",
                table: "accounts",
                type: "nvarchar(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "renewed",
                table: "accounts",
                type: "bit",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "stage",
                table: "accounts",
                type: "nvarchar(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "tags",
                table: "accounts",
                type: "nvarchar(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "tier",
                table: "accounts",
                type: "nvarchar(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "task_comments",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    task_id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    author = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    text = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: false),
                    at = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_task_comments", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_accounts_contract_end",
                table: "accounts",
                column: "contract_end");

            migrationBuilder.CreateIndex(
                name: "IX_accounts_health_band_health_score",
                table: "accounts",
                columns: new[] { "health_band", "health_score" });

            migrationBuilder.CreateIndex(
                name: "IX_accounts_industry",
                table: "accounts",
                column: "industry");

            migrationBuilder.CreateIndex(
                name: "IX_accounts_name",
                table: "accounts",
                column: "name");

            migrationBuilder.CreateIndex(
                name: "IX_accounts_stage",
                table: "accounts",
                column: "stage");

            migrationBuilder.CreateIndex(
                name: "IX_accounts_tier_stage",
                table: "accounts",
                columns: new[] { "tier", "stage" });

            migrationBuilder.CreateIndex(
                name: "IX_accounts_updated_at",
                table: "accounts",
                column: "updated_at");

            migrationBuilder.CreateIndex(
                name: "IX_task_comments_task_id_at",
                table: "task_comments",
                columns: new[] { "task_id", "at" });

            migrationBuilder.Sql(AccountColumnsBackfill.SqlServer);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "task_comments");

            migrationBuilder.DropIndex(
                name: "IX_accounts_contract_end",
                table: "accounts");

            migrationBuilder.DropIndex(
                name: "IX_accounts_health_band_health_score",
                table: "accounts");

            migrationBuilder.DropIndex(
                name: "IX_accounts_industry",
                table: "accounts");

            migrationBuilder.DropIndex(
                name: "IX_accounts_name",
                table: "accounts");

            migrationBuilder.DropIndex(
                name: "IX_accounts_stage",
                table: "accounts");

            migrationBuilder.DropIndex(
                name: "IX_accounts_tier_stage",
                table: "accounts");

            migrationBuilder.DropIndex(
                name: "IX_accounts_updated_at",
                table: "accounts");

            migrationBuilder.DropColumn(
                name: "form_json",
                table: "tasks");

            migrationBuilder.DropColumn(
                name: "snoozed_until",
                table: "tasks");

            migrationBuilder.DropColumn(
                name: "contract_end",
                table: "accounts");

            migrationBuilder.DropColumn(
                name: "health_band",
                table: "accounts");

            migrationBuilder.DropColumn(
                name: "health_score",
                table: "accounts");

            migrationBuilder.DropColumn(
                name: "industry",
                table: "accounts");

            migrationBuilder.DropColumn(
                name: "renewed",
                table: "accounts");

            migrationBuilder.DropColumn(
                name: "stage",
                table: "accounts");

            migrationBuilder.DropColumn(
                name: "tags",
                table: "accounts");

            migrationBuilder.DropColumn(
                name: "tier",
                table: "accounts");
        }
    }
}
