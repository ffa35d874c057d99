#!/bin/sh
# Cold start, JVM start to the first identity read: this module (ColdStart) against Node.js (npm onvif, cold.js).
#
#   nvr-onvif/bench/coldstart.sh [URL [RUNS]]      run from the repository root
#
# Without URL, bench/fake_onvif.py is started on 127.0.0.1:${COLDSTART_PORT:-18080} and stopped at the end. The password is read
# from NVRKIT_PASSWORD (default Admin12345, what the fake expects); the user name from NVRKIT_USER (admin).
# Builds with Maven offline (-o) and writes everything under $COLDSTART_DIR (default /tmp/nvrkit-coldstart).
# Node.js is skipped when `node` or npm's onvif@0.8.3 (installed into $COLDSTART_DIR/node) is unavailable.
#
# Prints, per configuration, the whole-process wall seconds of every run (start to exit) and their median:
#   java       plain `java -cp ...`
#   java-fast  the fast-start configuration of README.md "Cold start": an AppCDS archive made once by this
#              script (-XX:ArchiveClassesAtExit, same JVM, same class path), one C1 compiler thread with
#              10x the usual compile thresholds, the SLF4J provider named
#   node       node cold.js
set -eu
URL=${1:-}
RUNS=${2:-10}
USER_NAME=${NVRKIT_USER:-admin}
W=${COLDSTART_DIR:-/tmp/nvrkit-coldstart}
ROOT=$(pwd)
mkdir -p "$W"

mvn -o -q -pl nvr-onvif -am test-compile -Dspotless.check.skip=true
mvn -o -q -pl nvr-core dependency:build-classpath -Dmdep.outputFile="$W/deps.txt" -DincludeScope=runtime
rm -f "$W"/*.jar "$W/app.jsa"
jar cf "$W/nvr-onvif.jar" -C nvr-onvif/target/classes .
jar cf "$W/nvr-core.jar" -C nvr-core/target/classes .
jar cf "$W/coldstart.jar" -C nvr-onvif/target/test-classes io/nvrkit/onvif/ColdStart.class
# the jars the start-up path reads resources from first (see README: a resource look-up opens every jar
# before the one that has it), then the rest of nvr-core's runtime dependencies in Maven's order
DEPS=$(tr ':' '\n' < "$W/deps.txt")
FIRST=$(printf '%s\n' "$DEPS" | grep -E '/(httpclient5|httpcore5|slf4j-api)-[0-9]' | paste -sd: -)
REST=$(printf '%s\n' "$DEPS" | grep -vE '/(httpclient5|httpcore5|slf4j-api)-[0-9]' | paste -sd: -)
CP="$W/coldstart.jar:$W/nvr-onvif.jar:$W/nvr-core.jar:$FIRST:$REST"

FAKE=
if [ -z "$URL" ]; then
  PORT=${COLDSTART_PORT:-18080}
  python3 nvr-onvif/bench/fake_onvif.py "$PORT" &
  FAKE=$!
  trap 'kill $FAKE' EXIT
  URL=http://127.0.0.1:$PORT
  sleep 1
  kill -0 "$FAKE" || { echo "the fake device could not start on port $PORT (set COLDSTART_PORT)"; exit 1; }
fi

SLF4J="-Dslf4j.provider=org.slf4j.helpers.NOP_FallbackServiceProvider -Dslf4j.internal.verbosity=WARN"
# one-time step of the fast-start configuration: record the classes this JVM loads for a connect + identity
java $SLF4J -XX:ArchiveClassesAtExit="$W/app.jsa" -cp "$CP" io.nvrkit.onvif.ColdStart "$URL" "$USER_NAME" >"$W/archive.log" 2>&1
FAST="$SLF4J -XX:SharedArchiveFile=$W/app.jsa -Xshare:auto -XX:TieredStopAtLevel=1 -XX:CICompilerCount=1 -XX:CompileThresholdScaling=10"

NODE=
if command -v node >/dev/null 2>&1; then
  if [ ! -d "$W/node/node_modules/onvif" ]; then
    mkdir -p "$W/node" && (cd "$W/node" && npm install --silent onvif@0.8.3 >/dev/null 2>&1) || true
  fi
  if [ -d "$W/node/node_modules/onvif" ]; then
    cp "$ROOT/nvr-onvif/bench/cold.js" "$W/node/cold.js"
    NODE="node $W/node/cold.js $URL $USER_NAME"
  fi
fi

echo "load: $(cut -d' ' -f1-3 /proc/loadavg)  java: $(java -version 2>&1 | head -1)  node: $(node --version 2>/dev/null || echo none)"
python3 - "$RUNS" "java -cp $CP io.nvrkit.onvif.ColdStart $URL $USER_NAME" \
  "java $FAST -cp $CP io.nvrkit.onvif.ColdStart $URL $USER_NAME" "$NODE" <<'EOF'
import shlex, statistics, subprocess, sys, time
runs = int(sys.argv[1])
names = ["java", "java-fast", "node"]
cmds = [(n, shlex.split(c)) for n, c in zip(names, sys.argv[2:]) if c]
walls = {n: [] for n, _ in cmds}
for r in range(runs + 1):  # the first round is a warm-up (file cache), not counted
    for n, c in cmds:     # interleaved, so a change of machine load hits every configuration alike
        t0 = time.monotonic()
        p = subprocess.run(c, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        t = time.monotonic() - t0
        if p.returncode != 0:
            sys.exit(n + " failed:\n" + p.stdout)
        if r == 0:
            print(n.ljust(10), p.stdout.strip().splitlines()[-1])
        else:
            walls[n].append(t)
for n, w in walls.items():
    print(n.ljust(10), "median %.3f s  runs: %s" % (statistics.median(w), " ".join("%.3f" % x for x in w)))
print("load after: " + open("/proc/loadavg").read().split()[0])
EOF
