#!/bin/sh
# Gives the broker of docker-compose.yml its users, topics and ACLs, as ./opsplane does for a local
# platform: every component of platform.manifest gets a SCRAM user that may write (and create) its
# own domain's events and dead-letter topics, read the events topics it consumes, and use the
# consumer groups named after its domain. Passwords reach the tools through files, never argv.
#   ADMIN_PASSWORD     the broker administrator's password (PLAIN, defined in the broker's settings)
#   SERVICE_PASSWORD   the password of the components' users
#   MANIFEST           platform.manifest, mounted read-only
set -eu
BIN=/opt/kafka/bin
SERVER=kafka:9092
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
umask 077
cat >"$WORK/admin.properties" <<EOF
security.protocol=SASL_PLAINTEXT
sasl.mechanism=PLAIN
sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="admin" password="$ADMIN_PASSWORD";
EOF
printf 'SCRAM-SHA-512=[iterations=8192,password=%s]\n' "$SERVICE_PASSWORD" >"$WORK/scram.properties"

acl() { "$BIN/kafka-acls.sh" --bootstrap-server "$SERVER" --command-config "$WORK/admin.properties" --add "$@" >/dev/null; }

grep -v '^[[:space:]]*#' "$MANIFEST" | while read -r name http grpc database domain consumes; do
  [ -n "$name" ] || continue
  "$BIN/kafka-configs.sh" --bootstrap-server "$SERVER" --command-config "$WORK/admin.properties" --alter \
    --add-config-file "$WORK/scram.properties" --entity-type users --entity-name "$name" >/dev/null
  if [ "$domain" != - ]; then
    for topic in "opsplane.$domain.events" "opsplane.$domain.dead-letter"; do
      "$BIN/kafka-topics.sh" --bootstrap-server "$SERVER" --command-config "$WORK/admin.properties" --create \
        --if-not-exists --topic "$topic" --partitions 3 --replication-factor 1 >/dev/null
      acl --allow-principal "User:$name" --operation Write --operation Describe --operation Create --topic "$topic"
    done
    group="$domain-"
  else
    group="$name-"
  fi
  if [ "$consumes" != - ]; then
    for consumed in $(echo "$consumes" | tr ',' ' '); do
      acl --allow-principal "User:$name" --operation Read --operation Describe --topic "opsplane.$consumed.events"
    done
  fi
  acl --allow-principal "User:$name" --operation Read --operation Describe --group "$group" \
    --resource-pattern-type prefixed
  echo "kafka access: $name"
done
