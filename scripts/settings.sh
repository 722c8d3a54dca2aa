# Sourced by ./run and scripts/appserver from the repository's root: the platform's settings.
#   ensure_demo_settings            config/demo.properties, made on first start with random demo passwords
#   write_settings FILE PORT [DEFAULTS]
#                                   the effective settings as a Java properties file for the server's
#                                   system properties: config/demo.properties, the development defaults for
#                                   PORT, DEFAULTS (a server's own, e.g. its H2 file), config/local.properties,
#                                   then the environment (WUA_DB_URL for wua.db.url), later ones winning
#   setting KEY                     a setting's effective value in the last FILE written

# $root: the repository's root (its absolute path goes into the demo settings)
ensure_demo_settings() {
  mkdir -p config data/logs data/run
  random_secret() { head -c 18 /dev/urandom | base64 | tr -d '/+=' | cut -c1-20; }
  if [ ! -f config/demo.properties ]; then
    umask 077
    cat > config/demo.properties <<EOF
# Made by ./run on first start. Demo passwords and the embedded default's secrets: not for production.
# The console users are seeded from these once, when the database is new.
wua.demo.enabled=true
wua.demo.password.administrator=$(random_secret)
wua.demo.password.certifier=$(random_secret)
wua.demo.password.compliance-officer=$(random_secret)
wua.demo.password.issuer-operator=$(random_secret)
# H2 in file mode: data survives a restart (its driver, not its XA data source: see README, Settings)
wua.db.class=org.h2.Driver
wua.db.url=jdbc:h2:file:$root/data/db/wua
wua.db.user=wua
wua.db.password=$(random_secret)
# the software WSCD (uncertified) keeps its keys in data/wscd/keys (an earlier PKCS#12 file is moved in)
wua.wscd.backend=software
wua.wscd.key-store-file=$root/data/wscd/wscd.p12
wua.wscd.passphrase=$(random_secret)
EOF
    umask 022
  fi
  # the audit MAC key (issue #21): added to a demo.properties made before it
  if ! grep -q '^wua.audit.mac-key=' config/demo.properties; then
    echo "wua.audit.mac-key=$(head -c 32 /dev/urandom | base64)" >> config/demo.properties
  fi
  # the demo persons of the authorization page (issue #19): added to a demo.properties made before them
  if ! grep -q '^wua.demo.person.erika.password=' config/demo.properties; then
    { echo "# the demo authenticator's persons (their PID attributes ship with the platform)"
      echo "wua.demo.person.erika.password=$(random_secret)"
      echo "wua.demo.person.max.password=$(random_secret)"; } >> config/demo.properties
  fi
}

env_name() { echo "$1" | tr 'a-z.-' 'A-Z__'; }
settings_file=""
write_settings() {
  local file=$1 port=$2 defaults=${3:-}
  settings_file=$file
  ( umask 077
    # the software WSCD's keys are attested iso_18045_basic at most: the demo PID configuration accepts that
    # (a PID provider in production requires iso_18045_high from a certified HSM; config/local.properties can say so)
    # (the base URL too: behind a proxy or on another port, config/local.properties names the public one)
    { cat config/demo.properties; echo "wua.profile=development"; echo "wua.demo.pid.minimum-key-storage=iso_18045_basic"
      echo "wua.public-base-url=http://localhost:$port"
      echo "wua.issuer.issuing-country=BE"  # the demo PID provider's; a real one names its own (PID Rulebook 2.4)
      [ -n "$defaults" ] && printf '%s\n' "$defaults"
      [ -f config/local.properties ] && { echo; cat config/local.properties; }; } |
    # a setting whose variable is set takes the variable's value: a server's own placeholders
    # (${wua.db.url} in the EAR) read system properties only
    while IFS= read -r line; do
      if [[ "$line" =~ ^([A-Za-z0-9_.-]+)= ]]; then
        variable=$(env_name "${BASH_REMATCH[1]}")
        if [ -n "${!variable:-}" ]; then
          line="${BASH_REMATCH[1]}=${!variable//\\/\\\\}"
        fi
      fi
      printf '%s\n' "$line"
    done > "$file" )
}
setting() { # the effective value of a setting, as the server will see it
  sed -n "s/^$1=//p" "$settings_file" | tail -1 | sed 's/\\\\/\\/g'
}
