#!/usr/bin/env bash
# Public letter page throughput: the app (serving a stored publication) against nginx serving
# the same bytes as a static file, side by side in one run, with wrk at 64 connections.
# Needs: JDK 21+, Debian's wrk, nginx and postgresql-client (apt-get install -y wrk nginx-light postgresql-client).
# Usage: bench/public-page-vs-nginx.sh [seconds per run, default 20]
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_RUN=${1:-20}
APP_PORT=18080; NGINX_PORT=18081; PG_PORT=15432
WORK=$(mktemp -d /tmp/undersigned-bench.XXXXXX)
JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
[ -f target/undersigned.jar ] || ./mvnw -B -q -DskipTests package

cleanup() {
  [ -n "${APP_PID:-}" ] && kill "$APP_PID" 2>/dev/null && wait "$APP_PID" 2>/dev/null || true
  [ -f "$WORK/nginx.pid" ] && kill "$(cat "$WORK/nginx.pid")" 2>/dev/null || true
}
trap cleanup EXIT

# A realistic page: a letter of ~1,800 words with 300 signatures, in Azerbaijani and Georgian.
python3 - "$WORK/page.html" <<'PY'
import sys, html
paras = "".join(f"<p>Əziz dostlar və həmkarlar, biz aşağıda imza edənlər, insan hüquqları müdafiəçilərinin azadlığa buraxılmasını tələb edirik. ჩვენ, ქვემოთ ხელისმომწერნი, მხარს ვუჭერთ. Paragraph {i}.</p>" for i in range(40))
sigs = "".join(f"<li>{html.escape('Leyla Məmmədova ' + str(i))}, Sədr, Azərbaycan İnsan Hüquqları Cəmiyyəti <span class=mark>✓</span></li>" for i in range(300))
open(sys.argv[1], "w", encoding="utf-8").write(f"<!DOCTYPE html><html lang=az><head><meta charset=utf-8><title>Açıq məktub</title><link rel=stylesheet href=/styles/public.css></head><body><main class=page><h1>Açıq məktub</h1>{paras}<ol class=signatures>{sigs}</ol></main></body></html>")
PY
echo "page: $(wc -c < "$WORK/page.html") bytes"

# The app on its own embedded database, with the page stored as a publication.
"$JAVA_HOME/bin/java" -Xmx1g -jar target/undersigned.jar --server.port=$APP_PORT \
  --undersigned.data-directory="$WORK/data" --undersigned.embedded-database.port=$PG_PORT \
  --logging.level.root=warn > "$WORK/app.log" 2>&1 &
APP_PID=$!
for _ in $(seq 1 120); do curl -fs -o /dev/null "http://localhost:$APP_PORT/actuator/health" && break; sleep 0.5; done
HEX=$(xxd -p "$WORK/page.html" | tr -d '\n')
psql -q -h localhost -p $PG_PORT -U postgres -d postgres -c \
  "WITH o AS (INSERT INTO organisation (id, name, name_key, country, created_at)
              VALUES (gen_random_uuid(), 'Bench', 'bench', 'AZ', now()) RETURNING id),
        a AS (INSERT INTO account (id, email, display_name, created_at)
              VALUES (gen_random_uuid(), 'bench@example.org', 'Bench', now()) RETURNING id),
        l AS (INSERT INTO letter (id, title, language, publisher_organisation_id, state, created_by, created_at, updated_by, updated_at, published_at)
              SELECT gen_random_uuid(), 'Açıq məktub', 'az', o.id, 'PUBLISHED', a.id, now(), a.id, now(), now() FROM o, a RETURNING id)
   INSERT INTO publication (letter_id, slug, title, language, published_at, page_html, pdf, plain_text, manifest_json)
   SELECT l.id, 'bench-letter', 'Açıq məktub', 'az', now(), decode('$HEX', 'hex'), '\x25504446', 'text', '{}' FROM l"

# nginx serving the same bytes as a static file.
mkdir -p "$WORK/www/letters"; cp "$WORK/page.html" "$WORK/www/letters/bench-letter.html"
# nginx gets the same advantage as the app: a gzip copy made once (gzip_static), not per request.
gzip -9 -k "$WORK/www/letters/bench-letter.html"
chmod 755 "$WORK"; chmod -R a+rX "$WORK/www"
cat > "$WORK/nginx.conf" <<CONF
worker_processes auto; pid $WORK/nginx.pid; error_log $WORK/nginx-error.log;
events { worker_connections 1024; }
http { access_log off; sendfile on; tcp_nopush on; gzip_static on;
  server { listen $NGINX_PORT; root $WORK/www; location / { default_type text/html; etag on; } } }
CONF
nginx -c "$WORK/nginx.conf"

curl -fs -o /dev/null "http://localhost:$APP_PORT/letters/bench-letter"
# Warm the JVM, then measure both with the same client settings (gzip accepted, as browsers do).
# The JIT is still compiling after 10 s on two cores (C2 busy for ~20 s of CPU): warm up longer.
wrk -t2 -c64 -d${WARMUP_SECONDS:-40}s -H 'Accept-Encoding: gzip' "http://localhost:$APP_PORT/letters/bench-letter" > /dev/null
run() { wrk -t2 -c64 -d${SECONDS_PER_RUN}s --latency -H 'Accept-Encoding: gzip' "$1"; }
APP_OUT=$(run "http://localhost:$APP_PORT/letters/bench-letter")
NGINX_OUT=$(run "http://localhost:$NGINX_PORT/letters/bench-letter.html")
rps() { echo "$1" | awk '/Requests\/sec/ {print $2}'; }
p99() { echo "$1" | awk '$1=="99%" {print $2}'; }
errs() { echo "$1" | awk '/Non-2xx|Socket errors/ {print}' | tr -s ' \n' ' '; }
A=$(rps "$APP_OUT"); N=$(rps "$NGINX_OUT")
RATIO=$(python3 -c "print(f'{100*$A/$N:.0f}')")
echo "public-page: app ${A} req/s (p99 $(p99 "$APP_OUT")) vs nginx ${N} req/s (p99 $(p99 "$NGINX_OUT")) = ${RATIO}% of nginx; wrk -t2 -c64 -d${SECONDS_PER_RUN}s gzip; errors: app[$(errs "$APP_OUT")] nginx[$(errs "$NGINX_OUT")]"
