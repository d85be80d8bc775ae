// The image's HEALTHCHECK (slim images have no curl): exit 0 when SRE_HEALTH_URL (default: the
// agent's /health on $PORT) answers 2xx within 4 s, else 1. `/health` is 200 while the database
// answers, even when an MCP server or the model is down: a restart would not fix those.
const url = process.env.SRE_HEALTH_URL || `http://127.0.0.1:${process.env.PORT || 8000}/health`;
fetch(url, { signal: AbortSignal.timeout(4_000) }).then(
  (response) => process.exit(response.ok ? 0 : 1),
  () => process.exit(1),
);
