#!/usr/bin/env bash
# A whole deployment on this one machine, from Debian's packages, to try what several
# servers do: a PostgreSQL primary and a streaming replica on ports of their own (never the
# server on 5432), the Redis already running here, two gunicorn app servers, a background
# worker, and nginx in front of the app servers (so PROXY_COUNT=1).
#
#   ops/cluster.sh up            # make cluster
#   ops/cluster.sh down          # make cluster-stop (keeps the data; `down --clean` removes it)
#   ops/cluster.sh stop-app 2    # stops the second app server (nginx sends its requests on)
#   ops/cluster.sh stop-worker   # kills the worker, as a machine failing would
#   ops/cluster.sh start-worker
#   ops/cluster.sh fail-during-import   # an import, then the worker killed mid-save
#   ops/cluster.sh status
#   ops/cluster.sh manage ...    # a management command with the cluster's settings
#
# Everything it makes lives in CLUSTER_DIR (/tmp/what-matters-cluster): the two data
# directories, the logs, the process ids and nginx's configuration.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
DIR="${CLUSTER_DIR:-/tmp/what-matters-cluster}"
PG_BIN="${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}"
PRIMARY_PORT="${CLUSTER_PRIMARY_PORT:-55432}"
REPLICA_PORT="${CLUSTER_REPLICA_PORT:-55433}"
APP_PORTS=(8101 8102)
NGINX_PORT="${CLUSTER_PORT:-8100}"
DATABASE="what_matters_cluster"
# The Redis already running here; a database number of its own, so nothing else is touched.
REDIS_URL="${CLUSTER_REDIS_URL:-redis://127.0.0.1:6379/7}"
# The job queue in a database of its own: clearing the cache leaves queued jobs alone.
REDIS_QUEUE_URL="${CLUSTER_REDIS_QUEUE_URL:-redis://127.0.0.1:6379/8}"
# How much data to put in it (generate_scale_data's options): the load test signs in as
# its staff.
SCALE_ARGS="${CLUSTER_SCALE_ARGS:---people 10000 --conversations 100000 --network-members 60000 --resources 2000 --connections 30000}"
PYTHON="$ROOT/.venv/bin/python"

say() { printf '%s\n' "$*"; }

as_postgres() {
	# PostgreSQL will not run as root; the postgres user of Debian's packages owns the data.
	if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

app_env() {
	# Production settings on plain HTTP on loopback, behind nginx.
	export DEBUG=0
	export SECRET_KEY="$(cat "$DIR/secret_key")"
	export DATABASE_URL="postgres://postgres@127.0.0.1:$PRIMARY_PORT/$DATABASE"
	export DATABASE_REPLICA_URL="postgres://postgres@127.0.0.1:$REPLICA_PORT/$DATABASE"
	export REDIS_URL REDIS_QUEUE_URL
	export PROXY_COUNT=1
	export ALLOWED_HOSTS="127.0.0.1,localhost"
	export CSRF_TRUSTED_ORIGINS="http://127.0.0.1:$NGINX_PORT,http://localhost:$NGINX_PORT"
	export SECURE_SSL_REDIRECT=0 SECURE_COOKIES=0 HSTS_SECONDS=0
	export LOG_LEVEL=WARNING
}

need_nginx() {
	if ! command -v nginx >/dev/null; then
		say "Installing nginx from Debian's packages"
		DEBIAN_FRONTEND=noninteractive apt-get install -y -q nginx-light >/dev/null
	fi
}

postgres_up() {
	mkdir -p "$DIR"
	chown postgres: "$DIR" 2>/dev/null || true
	if [ ! -d "$DIR/primary" ]; then
		say "Making the primary on port $PRIMARY_PORT"
		as_postgres "$PG_BIN/initdb" -D "$DIR/primary" -U postgres --auth=trust -E UTF8 >/dev/null
		cat >>"$DIR/primary/postgresql.conf" <<-EOF
			port = $PRIMARY_PORT
			listen_addresses = '127.0.0.1'
			unix_socket_directories = '$DIR'
			wal_level = replica
			max_wal_senders = 5
			hot_standby = on
		EOF
		echo "host replication postgres 127.0.0.1/32 trust" >>"$DIR/primary/pg_hba.conf"
	fi
	as_postgres "$PG_BIN/pg_ctl" -D "$DIR/primary" -l "$DIR/primary.log" -w status >/dev/null ||
		as_postgres "$PG_BIN/pg_ctl" -D "$DIR/primary" -l "$DIR/primary.log" -w start >/dev/null
	if [ ! -d "$DIR/replica" ]; then
		say "Making the streaming replica on port $REPLICA_PORT"
		as_postgres "$PG_BIN/pg_basebackup" -h 127.0.0.1 -p "$PRIMARY_PORT" -U postgres \
			-D "$DIR/replica" -R -X stream
		echo "port = $REPLICA_PORT" >>"$DIR/replica/postgresql.auto.conf"
	fi
	as_postgres "$PG_BIN/pg_ctl" -D "$DIR/replica" -l "$DIR/replica.log" -w status >/dev/null ||
		as_postgres "$PG_BIN/pg_ctl" -D "$DIR/replica" -l "$DIR/replica.log" -w start >/dev/null
}

database_up() {
	[ -f "$DIR/secret_key" ] || "$PYTHON" -c "import secrets; print(secrets.token_urlsafe(50))" >"$DIR/secret_key"
	if ! psql -h 127.0.0.1 -p "$PRIMARY_PORT" -U postgres -Atc \
		"SELECT 1 FROM pg_database WHERE datname = '$DATABASE'" | grep -q 1; then
		psql -h 127.0.0.1 -p "$PRIMARY_PORT" -U postgres -qc "CREATE DATABASE $DATABASE"
	fi
	(
		app_env
		cd "$ROOT"
		"$PYTHON" manage.py migrate --noinput -v0
		"$PYTHON" manage.py collectstatic --noinput -v0
		if [ ! -f "$DIR/data-made" ]; then
			say "Making scale data ($SCALE_ARGS)"
			# shellcheck disable=SC2086
			"$PYTHON" manage.py generate_scale_data $SCALE_ARGS
			touch "$DIR/data-made"
		fi
	)
}

app_up() {
	local number=$1 port=${APP_PORTS[$(($1 - 1))]}
	if [ -f "$DIR/app$number.pid" ] && kill -0 "$(cat "$DIR/app$number.pid")" 2>/dev/null; then
		return
	fi
	(
		app_env
		cd "$ROOT"
		"$ROOT/.venv/bin/gunicorn" config.wsgi -c config/gunicorn.py \
			--bind "127.0.0.1:$port" --workers "${CLUSTER_WORKERS:-3}" --daemon \
			--pid "$DIR/app$number.pid" --error-logfile "$DIR/app$number.log" \
			--access-logfile /dev/null
	)
	wait_for "http://127.0.0.1:$port/sign-in/" "app server $number"
}

worker_up() {
	if [ -f "$DIR/worker.pid" ] && kill -0 "$(cat "$DIR/worker.pid")" 2>/dev/null; then
		return
	fi
	(
		app_env
		cd "$ROOT"
		# A session of its own (setsid), so that stop-worker kills it with whatever it
		# started (RQ runs each job in a child process), as a machine failing would.
		# shellcheck disable=SC2086
		nohup setsid "$PYTHON" manage.py ${CLUSTER_WORKER_COMMAND:-run_worker} >>"$DIR/worker.log" 2>&1 &
		echo $! >"$DIR/worker.pid"
	)
}

nginx_up() {
	need_nginx
	# nginx's workers (nobody) buffer large uploads here.
	mkdir -p "$DIR/nginx"
	chmod 1777 "$DIR/nginx"
	cat >"$DIR/nginx.conf" <<-EOF
		worker_processes 2;
		pid $DIR/nginx.pid;
		error_log $DIR/nginx-error.log warn;
		events { worker_connections 1024; }
		http {
		    access_log off;
		    client_body_temp_path $DIR/nginx/body;
		    proxy_temp_path $DIR/nginx/proxy;
		    fastcgi_temp_path $DIR/nginx/fastcgi;
		    uwsgi_temp_path $DIR/nginx/uwsgi;
		    scgi_temp_path $DIR/nginx/scgi;
		    client_max_body_size 60m;
		    upstream app {
		        server 127.0.0.1:${APP_PORTS[0]} max_fails=1 fail_timeout=10s;
		        server 127.0.0.1:${APP_PORTS[1]} max_fails=1 fail_timeout=10s;
		        keepalive 32;
		    }
		    server {
		        listen 127.0.0.1:$NGINX_PORT;
		        location / {
		            proxy_pass http://app;
		            proxy_http_version 1.1;
		            proxy_set_header Connection "";
		            proxy_set_header Host \$http_host;
		            proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
		            proxy_set_header X-Forwarded-Proto \$scheme;
		            # A stopped app server: idempotent requests go to the other (nginx never
		            # resends a POST unless told to, and it is not).
		            proxy_next_upstream error timeout http_502 http_503;
		            proxy_connect_timeout 2s;
		            proxy_read_timeout 65s;
		        }
		    }
		}
	EOF
	if [ -f "$DIR/nginx.pid" ] && kill -0 "$(cat "$DIR/nginx.pid")" 2>/dev/null; then
		nginx -p "$DIR" -c "$DIR/nginx.conf" -s reload
	else
		nginx -p "$DIR" -c "$DIR/nginx.conf"
	fi
	wait_for "http://127.0.0.1:$NGINX_PORT/sign-in/" "nginx"
}

wait_for() {
	local url=$1 what=$2
	for _ in $(seq 1 100); do
		if curl -fsS -o /dev/null "$url" 2>/dev/null; then return; fi
		sleep 0.2
	done
	say "$what did not answer at $url" >&2
	exit 1
}

stop_pid() {
	local file="$DIR/$1.pid"
	if [ -f "$file" ]; then
		kill "-${2:-TERM}" "$(cat "$file")" 2>/dev/null || true
		rm -f "$file"
	fi
}

stop_group() {
	# The process and every process it started: its session (setsid), since RQ's work horse
	# moves to a process group of its own (setpgrp) but stays in the session.
	local file="$DIR/$1.pid"
	if [ -f "$file" ]; then
		pkill "-${2:-TERM}" --session "$(cat "$file")" 2>/dev/null || true
		rm -f "$file"
	fi
}

manage() {
	# A management command with the cluster's settings: ops/cluster.sh manage shell, say.
	app_env
	cd "$ROOT"
	exec "$PYTHON" manage.py "$@"
}

up() {
	postgres_up
	database_up
	app_up 1
	app_up 2
	worker_up
	nginx_up
	say "The cluster answers at http://127.0.0.1:$NGINX_PORT/ (make load: LOAD_HOST=http://127.0.0.1:$NGINX_PORT)"
}

down() {
	[ -f "$DIR/nginx.pid" ] && nginx -p "$DIR" -c "$DIR/nginx.conf" -s stop 2>/dev/null || true
	stop_pid app1
	stop_pid app2
	stop_group worker
	for data in replica primary; do
		[ -d "$DIR/$data" ] && as_postgres "$PG_BIN/pg_ctl" -D "$DIR/$data" -m fast -w stop >/dev/null 2>&1 || true
	done
	if [ "${1:-}" = "--clean" ]; then rm -rf "$DIR"; fi
	say "The cluster is stopped"
}

status() {
	for name in app1 app2 worker nginx; do
		if [ -f "$DIR/$name.pid" ] && kill -0 "$(cat "$DIR/$name.pid")" 2>/dev/null; then
			say "$name: running"
		else
			say "$name: stopped"
		fi
	done
	for data in primary replica; do
		as_postgres "$PG_BIN/pg_ctl" -D "$DIR/$data" status >/dev/null 2>&1 &&
			say "$data: running" || say "$data: stopped"
	done
}

sql() {
	"$PG_BIN/psql" -h 127.0.0.1 -p "$PRIMARY_PORT" -U postgres -d "$DATABASE" -Atc "$1"
}

fail_during_import() {
	# What a failing machine does to a long job, for the load test's halfway point: starts
	# an import (the file given, or the cluster's own directory with every service renamed),
	# waits until it is saving, then kills the worker and stops the second app server. After
	# `start-worker`, the recovery sweep runs the job again once its lease runs out.
	local file="${1:-$DIR/directory-renamed.json}"
	if [ -z "${1:-}" ]; then
		(manage export_openreferral) >"$DIR/directory.json"
		"$PYTHON" -c '
import json, sys
page = json.load(open(sys.argv[1]))
for service in page["contents"]:
    service["name"] = service["name"][:230] + " (renamed)"
json.dump(page, open(sys.argv[2], "w"))
' "$DIR/directory.json" "$file"
	fi
	local job
	job=$(
		manage shell -c "
from django.core.files.uploadedfile import SimpleUploadedFile
from accounts.models import User
from community.openreferral.tasks import directory_import_start
admin = User.objects.filter(is_active=True, groups__permissions__codename='manage_directory').first()
upload = SimpleUploadedFile('directory.json', open('$file', 'rb').read())
print(directory_import_start(files=[upload], dry_run=False, by=admin).pk)
" | tail -1
	)
	say "$(date +%T) import $job started; renamed so far: $(sql "select count(*) from community_communityresource where name like '% (renamed)'")"
	until [ "$(sql "select stage from jobs_job where id = '$job'")" = "Saving the directory" ]; do
		if [ "$(sql "select status in ('done', 'failed') from jobs_job where id = '$job'")" = t ]; then
			say "The import ended before it was saving: $(sql "select stage from jobs_job where id = '$job'")" >&2
			exit 1
		fi
		sleep 0.2
	done
	stop_group worker KILL
	stop_pid app2
	say "$(date +%T) worker killed and app server 2 stopped while saving: $(sql "select status, attempts from jobs_job where id = '$job'"); renamed: $(sql "select count(*) from community_communityresource where name like '% (renamed)'")"
}

case "${1:-}" in
up) up ;;
down) down "${2:-}" ;;
stop-app) stop_pid "app${2:?which app server, 1 or 2}" ;;
stop-worker) stop_group worker KILL ;;
start-worker) worker_up ;;
fail-during-import) fail_during_import "${2:-}" ;;
status) status ;;
manage)
	shift
	manage "$@"
	;;
*)
	say "Usage: ops/cluster.sh up | down [--clean] | stop-app N | stop-worker | start-worker | fail-during-import [FILE] | status | manage COMMAND..." >&2
	exit 2
	;;
esac
