using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CsPlaybooks.Infrastructure.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class Surveys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "survey",
                table: "emails",
                type: "nvarchar(max)",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "survey_responses",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    survey_id = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    contact_key = table.Column<string>(type: "nvarchar(320)", maxLength: 320, nullable: false),
                    account_id = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    email_id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    instance_id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    step_id = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    kind = table.Column<string>(type: "nvarchar(10)", maxLength: 10, nullable: false),
                    score = table.Column<int>(type: "int", nullable: false),
                    category = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    comment = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: true),
                    answered_at = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    answered_month = table.Column<DateOnly>(type: "date", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    revision = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_survey_responses", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_survey_responses_account_id_answered_at",
                table: "survey_responses",
                columns: new[] { "account_id", "answered_at" });

            migrationBuilder.CreateIndex(
                name: "IX_survey_responses_kind_answered_month",
                table: "survey_responses",
                columns: new[] { "kind", "answered_month" });

            migrationBuilder.CreateIndex(
                name: "IX_survey_responses_survey_id_contact_key",
                table: "survey_responses",
                columns: new[] { "survey_id", "contact_key" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "survey_responses");

            migrationBuilder.DropColumn(
                name: "survey",
                table: "emails");
        }
    }
}
