-- SPDX-License-Identifier: GPL-3.0-or-later
-- load-report.lua: wrk's summary as one line that load-planning.sh reads
--
--   wrk -s tests/bench/load-report.lua -H 'Authorization: Bearer …' URL
--
-- Latencies are in microseconds. Any answer that is not 2xx, any socket
-- error or any timeout is counted: the run is then not a valid figure.

done = function (summary, latency, requests)
  local e = summary.errors
  io.write (string.format (
    "RESULT requests=%d seconds=%.3f rps=%.1f p50_us=%d p90_us=%d p99_us=%d max_us=%d " ..
    "non2xx=%d connect=%d read=%d write=%d timeout=%d bytes=%d\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile (50), latency:percentile (90), latency:percentile (99), latency.max,
    e.status, e.connect, e.read, e.write, e.timeout, summary.bytes))
end
