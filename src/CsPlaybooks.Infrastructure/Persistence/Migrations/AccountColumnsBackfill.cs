namespace CsPlaybooks.Infrastructure.Persistence.Migrations;

/// <summary>
/// Fills the indexed account columns of existing rows from their documents, once, in the ListsAndWorkbench migration of
/// each provider: the SQL twin of <see cref="Accounts.AccountColumns.Copy"/> (same fields, same cuts). New writes go
/// through AccountColumns.
/// </summary>
internal static class AccountColumnsBackfill
{
    public const string Sqlite = """
        UPDATE accounts SET
          tier = substr(nullif(json_extract(json, '$.tier'), ''), 1, 40),
          stage = substr(nullif(json_extract(json, '$.stage'), ''), 1, 40),
          industry = substr(nullif(json_extract(json, '$.industry'), ''), 1, 100),
          health_band = substr(nullif(json_extract(json, '$.health.band'), ''), 1, 40),
          health_score = CASE WHEN json_type(json, '$.health.score') IN ('integer', 'real') THEN CAST(round(json_extract(json, '$.health.score')) AS INTEGER) END,
          contract_end = CASE WHEN json_extract(json, '$.contract.end') GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' THEN json_extract(json, '$.contract.end') END,
          tags = (SELECT substr('|' || group_concat(value, '|') || '|', 1, 2000) FROM json_each(accounts.json, '$.tags') WHERE type = 'text' AND value <> ''),
          renewed = CASE
            WHEN json_type(json, '$.reasons.renewal') IS NOT 'object' AND json_type(json, '$.reasons."non-renewal"') IS NOT 'object' THEN NULL
            WHEN json_type(json, '$.reasons."non-renewal"') IS NOT 'object' THEN 1
            WHEN json_type(json, '$.reasons.renewal') IS NOT 'object' THEN 0
            WHEN coalesce(json_extract(json, '$.reasons.renewal.at'), '') >= coalesce(json_extract(json, '$.reasons."non-renewal".at'), '') THEN 1
            ELSE 0 END;
        """;

    public const string Postgres = """
        UPDATE accounts SET
          tier = left(nullif(d.j->>'tier', ''), 40),
          stage = left(nullif(d.j->>'stage', ''), 40),
          industry = left(nullif(d.j->>'industry', ''), 100),
          health_band = left(nullif(d.j->'health'->>'band', ''), 40),
          health_score = CASE WHEN jsonb_typeof(d.j->'health'->'score') = 'number' THEN round((d.j->'health'->>'score')::numeric)::int END,
          contract_end = CASE WHEN d.j->'contract'->>'end' ~ '^\d{4}-\d{2}-\d{2}$' THEN (d.j->'contract'->>'end')::date END,
          tags = CASE WHEN jsonb_typeof(d.j->'tags') = 'array' THEN
            (SELECT left('|' || string_agg(t #>> '{}', '|') || '|', 2000) FROM jsonb_array_elements(d.j->'tags') t WHERE jsonb_typeof(t) = 'string' AND t #>> '{}' <> '') END,
          renewed = CASE
            WHEN jsonb_typeof(d.j->'reasons'->'renewal') IS DISTINCT FROM 'object' AND jsonb_typeof(d.j->'reasons'->'non-renewal') IS DISTINCT FROM 'object' THEN NULL
            WHEN jsonb_typeof(d.j->'reasons'->'non-renewal') IS DISTINCT FROM 'object' THEN true
            WHEN jsonb_typeof(d.j->'reasons'->'renewal') IS DISTINCT FROM 'object' THEN false
            ELSE coalesce(d.j->'reasons'->'renewal'->>'at', '') >= coalesce(d.j->'reasons'->'non-renewal'->>'at', '') END
        FROM (SELECT id, json::jsonb AS j FROM accounts) d
        WHERE accounts.id = d.id;
        """;

    public const string SqlServer = """
        UPDATE accounts SET
          tier = LEFT(NULLIF(JSON_VALUE(json, '$.tier'), ''), 40),
          stage = LEFT(NULLIF(JSON_VALUE(json, '$.stage'), ''), 40),
          industry = LEFT(NULLIF(JSON_VALUE(json, '$.industry'), ''), 100),
          health_band = LEFT(NULLIF(JSON_VALUE(json, '$.health.band'), ''), 40),
          health_score = TRY_CAST(ROUND(TRY_CAST(JSON_VALUE(json, '$.health.score') AS float), 0) AS int),
          contract_end = TRY_CONVERT(date, JSON_VALUE(json, '$.contract.end'), 23),
          tags = (SELECT LEFT('|' + STRING_AGG(CAST([value] AS nvarchar(max)), '|') + '|', 2000) FROM OPENJSON(json, '$.tags') WHERE [type] = 1 AND [value] <> ''),
          renewed = CASE
            WHEN JSON_QUERY(json, '$.reasons.renewal') IS NULL AND JSON_QUERY(json, '$.reasons."non-renewal"') IS NULL THEN NULL
            WHEN JSON_QUERY(json, '$.reasons."non-renewal"') IS NULL THEN 1
            WHEN JSON_QUERY(json, '$.reasons.renewal') IS NULL THEN 0
            WHEN ISNULL(JSON_VALUE(json, '$.reasons.renewal.at'), '') >= ISNULL(JSON_VALUE(json, '$.reasons."non-renewal".at'), '') THEN 1
            ELSE 0 END;
        """;
}
