-- wrk script: POST one alert per request to a stock Alertmanager's /api/v2/alerts, re-using 100 label sets
-- (key bench-0 .. bench-99) like enqueue-dedup.lua does with dedup keys. The reference rate for Klaxon's intake:
-- Alertmanager keeps alerts in memory and commits nothing. Used by bench/alertmanager-baseline.sh.

wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"

function init(args)
  counter = 0
end

function request()
  counter = counter + 1
  return wrk.format(nil, nil, nil, string.format(
    '[{"labels":{"alertname":"bench","key":"bench-%d"},"annotations":{"summary":"bench dedup %d"}}]',
    counter % 100, counter))
end
