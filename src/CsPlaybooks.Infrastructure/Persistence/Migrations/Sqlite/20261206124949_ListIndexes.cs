using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CsPlaybooks.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ListIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_instances_created_at",
                table: "instances",
                column: "created_at");

            migrationBuilder.CreateIndex(
                name: "IX_accounts_filters",
                table: "accounts",
                columns: new[] { "tier", "health_band", "stage", "industry", "csm_id", "contract_end", "tags", "id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_instances_created_at",
                table: "instances");

            migrationBuilder.DropIndex(
                name: "IX_accounts_filters",
                table: "accounts");
        }
    }
}
