#!/bin/sh
# Applies pending migrations, then runs the app as PID 1 (SIGTERM stops it cleanly).
set -eu
node dist/api/cli.js migrate
exec node dist/api/main.js
