using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CsPlaybooks.Infrastructure.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class AddEmail : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "emails",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    outbox_id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    dedup_key = table.Column<string>(type: "nvarchar(300)", maxLength: 300, nullable: false),
                    instance_id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    step_id = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    account_id = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    contact_id = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true),
                    recipient_address = table.Column<string>(type: "nvarchar(320)", maxLength: 320, nullable: false),
                    recipient_name = table.Column<string>(type: "nvarchar(300)", maxLength: 300, nullable: true),
                    from_address = table.Column<string>(type: "nvarchar(320)", maxLength: 320, nullable: true),
                    from_name = table.Column<string>(type: "nvarchar(300)", maxLength: 300, nullable: true),
                    category = table.Column<string>(type: "nvarchar(30)", maxLength: 30, nullable: false),
                    template = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    subject = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: false),
                    html = table.Column<string>(type: "nvarchar(max)", nullable: true),
                    text = table.Column<string>(type: "nvarchar(max)", nullable: true),
                    state = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    reason = table.Column<string>(type: "nvarchar(max)", nullable: true),
                    deferred_until = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    message_id = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    transport = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: true),
                    attempts = table.Column<int>(type: "int", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    sent_at = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_emails", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_emails_account_id_created_at",
                table: "emails",
                columns: new[] { "account_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "IX_emails_dedup_key",
                table: "emails",
                column: "dedup_key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_emails_instance_id",
                table: "emails",
                column: "instance_id");

            migrationBuilder.CreateIndex(
                name: "IX_emails_recipient_address_category_sent_at",
                table: "emails",
                columns: new[] { "recipient_address", "category", "sent_at" });

            migrationBuilder.CreateIndex(
                name: "IX_emails_state_created_at",
                table: "emails",
                columns: new[] { "state", "created_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "emails");
        }
    }
}
