using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CsPlaybooks.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class RuntimeTrust : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "failing_since",
                table: "outbox",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "claimed_by",
                table: "events",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "claimed_until",
                table: "events",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "deliver_at",
                table: "events",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "resends",
                table: "emails",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "csm_id",
                table: "accounts",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "recipient_locks",
                columns: table => new
                {
                    address = table.Column<string>(type: "TEXT", maxLength: 320, nullable: false),
                    locked_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_recipient_locks", x => x.address);
                });

            migrationBuilder.CreateTable(
                name: "secrets",
                columns: table => new
                {
                    name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    value = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_secrets", x => x.name);
                });

            migrationBuilder.CreateIndex(
                name: "IX_events_deliver_at",
                table: "events",
                column: "deliver_at");

            migrationBuilder.CreateIndex(
                name: "IX_accounts_csm_id",
                table: "accounts",
                column: "csm_id");
        
            // Existing rows: undelivered events join the delivery queue; the CSM column mirrors each document's csmId.
            migrationBuilder.Sql("UPDATE events SET deliver_at = received_at WHERE processed_at IS NULL");
            migrationBuilder.Sql("UPDATE accounts SET csm_id = json_extract(json, '$.csmId') WHERE json LIKE '%\"csmId\"%'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "recipient_locks");

            migrationBuilder.DropTable(
                name: "secrets");

            migrationBuilder.DropIndex(
                name: "IX_events_deliver_at",
                table: "events");

            migrationBuilder.DropIndex(
                name: "IX_accounts_csm_id",
                table: "accounts");

            migrationBuilder.DropColumn(
                name: "failing_since",
                table: "outbox");

            migrationBuilder.DropColumn(
                name: "claimed_by",
                table: "events");

            migrationBuilder.DropColumn(
                name: "claimed_until",
                table: "events");

            migrationBuilder.DropColumn(
                name: "deliver_at",
                table: "events");

            migrationBuilder.DropColumn(
                name: "resends",
                table: "emails");

            migrationBuilder.DropColumn(
                name: "csm_id",
                table: "accounts");
        }
    }
}
