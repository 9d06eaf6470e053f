using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CsPlaybooks.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class HealthTrendIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_health_history_period_start_band",
                table: "health_history");

            migrationBuilder.CreateIndex(
                name: "IX_health_history_period_start_band_score",
                table: "health_history",
                columns: new[] { "period_start", "band", "score" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_health_history_period_start_band_score",
                table: "health_history");

            migrationBuilder.CreateIndex(
                name: "IX_health_history_period_start_band",
                table: "health_history",
                columns: new[] { "period_start", "band" });
        }
    }
}
