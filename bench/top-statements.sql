-- The statements PostgreSQL spent its time on during a measured run (pg_stat_statements; bench/run.sh runs it
-- when BENCH_PG_STATEMENTS is set). Statements that differ only in the length of a VALUES or IN list (batched
-- inserts, id lists) are summed into one line; "shapes" says how many there were.
SELECT sum(calls) AS calls,
       round(sum(total_exec_time)) AS total_ms,
       round((sum(total_exec_time) * 1000 / greatest(sum(rows), 1))::numeric, 1) AS us_per_row,
       round(sum(total_plan_time)) AS plan_ms,
       sum(rows) AS rows,
       count(*) AS shapes,
       left(q, 100) AS query
FROM (SELECT calls, total_exec_time, total_plan_time, rows,
             regexp_replace(regexp_replace(query, '\s+', ' ', 'g'), '(\(\$[0-9][^)]*\)(, *)?)+', '($...)', 'g') AS q
      FROM pg_stat_statements) s
GROUP BY q
ORDER BY sum(total_exec_time) DESC
LIMIT :top;
