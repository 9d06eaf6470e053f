using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CsPlaybooks.Infrastructure.Persistence.Migrations.Postgres
{
    /// <summary>
    /// playbooks_expect_rows: fails the statement (and its transaction) with SQLSTATE CS409 unless every row of a
    /// set-based update matched its concurrency token (GuardedUpdates), the way EF fails a save whose UPDATE matched no row.
    /// It changes no table, so it has no generated copy of the model (.Designer.cs): these attributes are all EF needs to
    /// find and apply it.
    /// </summary>
    [DbContext(typeof(PostgresPlaybooksDbContext))]
    [Migration("20261206040313_RevisionGuard")]
    public class RevisionGuard : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE OR REPLACE FUNCTION playbooks_expect_rows(entity text, matched bigint, expected integer) RETURNS integer
                LANGUAGE plpgsql AS $$
                BEGIN
                    IF matched <> expected THEN
                        RAISE EXCEPTION '% of % % rows changed since they were read', expected - matched, expected, entity USING ERRCODE = 'CS409';
                    END IF;
                    RETURN expected;
                END $$;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS playbooks_expect_rows(text, bigint, integer);");
        }
    }
}
