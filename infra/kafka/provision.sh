#!/usr/bin/env bash
# Puts Apache Kafka's broker jars (KRaft, from Maven Central, see pom.xml) into one folder and prints
# it. Idempotent: a folder that is complete (its marker written last) is reused. Needs Java 17 and
# Maven, which these machines have; `.ci/run` installs nothing more for it.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
version="$(sed -n 's:.*<kafka.version>\(.*\)</kafka.version>.*:\1:p' "$here/pom.xml")"
home="${FLEET_KAFKA_HOME:-$here/../../.cache/kafka-$version}"
if [ ! -f "$home/provisioned" ]; then
  rm -rf "$home/libs"
  mkdir -p "$home"
  mvn -q -B -f "$here/pom.xml" dependency:copy-dependencies \
    -DincludeScope=runtime -DoutputDirectory="$home/libs" >&2
  date -u +%FT%TZ > "$home/provisioned"
fi
cd "$home/libs" && pwd
