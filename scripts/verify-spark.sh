#!/usr/bin/env bash
# Runs the SQL that aidstat renders (export::sql, Dialect::Spark) in Spark local
# mode over the clean CSVs of the fixtures and compares every figure with
# aidstat's own result: it is tests/sql.rs with AIDSTAT_SQL_ENGINE=spark.
#   - Debian's openjdk-17-jre-headless when `java` is missing
#   - pyspark (pinned) in target/py-spark (about 300 MB from PyPI, the first time)
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '\033[1m[verify-spark]\033[0m %s\n' "$*"; }
PYSPARK=pyspark==4.3.0

if ! command -v java >/dev/null 2>&1; then
  say "installing Debian openjdk-17-jre-headless"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq openjdk-17-jre-headless >/dev/null
fi

if ! target/py-spark/bin/python -c 'import pyspark' >/dev/null 2>&1; then
  say "installing $PYSPARK into target/py-spark"
  python3 -m venv target/py-spark
  target/py-spark/bin/pip install -q --disable-pip-version-check "$PYSPARK"
fi

say "running tests/sql.rs in Spark local mode"
AIDSTAT_SQL_ENGINE=spark AIDSTAT_SQL_PYTHON="$PWD/target/py-spark/bin/python" \
  cargo test --test sql -- --nocapture
