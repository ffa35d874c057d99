#!/bin/sh
# ONVIF identity throughput: this library (benchmarks.jar identity) against Node.js (npm onvif@0.8.3,
# throughput.js) reading the same information from the same standalone ONVIF fake, in the same run.
#
#   nvr-onvif/bench/throughput.sh [COUNT [CONCURRENCY [ROUNDS]]]     run from the repository root
#
# Defaults: COUNT=60000 reads (a JIT client's steady state; 2,000 measure mostly its compiler),
# CONCURRENCY=8 sessions, ROUNDS=3; each process first makes COUNT/4 untimed reads over the same
# sessions (JIT warm-up for both). One read = GetNetworkInterfaces ∥ GetHostname
# (device information is read once per session at connect, by both clients).
# Builds benchmarks/target/benchmarks.jar offline unless THROUGHPUT_NO_BUILD=1; the fake is the testkit's
# StandaloneLauncher (--personality onvif, admin:Admin12345) started from that jar, ready when it prints
# its ready line, stopped at the end. npm's onvif@0.8.3 is installed into $THROUGHPUT_DIR
# (default /tmp/nvrkit-throughput). Prints every run's reads/s and process CPU (user+sys, start-up
# included), the medians and their multiples. Before the rounds, THROUGHPUT_FAKE_WARMUP (default 40000)
# untimed reads warm the fake's own JIT, so that neither client meets a fake that is still compiling.
# On a machine with few cores the fake's own CPU bounds both clients' reads/s: compare the CPU figures
# too, and use a COUNT large enough to hide start-up.
set -eu
COUNT=${1:-60000}
CONC=${2:-8}
ROUNDS=${3:-3}
W=${THROUGHPUT_DIR:-/tmp/nvrkit-throughput}
ROOT=$(pwd)
JAR=$ROOT/benchmarks/target/benchmarks.jar
mkdir -p "$W/node"
if [ "${THROUGHPUT_NO_BUILD:-0}" != 1 ]; then
  mvn -B -o -q -pl benchmarks -am package -DskipTests -Dspotless.check.skip=true
fi
if [ ! -d "$W/node/node_modules/onvif" ]; then
  (cd "$W/node" && npm install --silent onvif@0.8.3 >/dev/null 2>&1) || true
fi
[ -d "$W/node/node_modules/onvif" ] || { echo "npm onvif@0.8.3 could not be installed into $W/node"; exit 1; }
cp "$ROOT/nvr-onvif/bench/throughput.js" "$W/node/throughput.js"

echo "load: $(cut -d' ' -f1-3 /proc/loadavg)  java: $(java -version 2>&1 | head -1)  node: $(node --version)"
python3 - "$JAR" "$W/node/throughput.js" "$COUNT" "$CONC" "$ROUNDS" <<'PY'
import json, os, resource, statistics, subprocess, sys
jar, js, count, conc, rounds = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5])
warm = str(int(count) // 4)
fake = subprocess.Popen(["java", "-cp", jar, "io.nvrkit.testkit.launcher.StandaloneLauncher",
                         "--personality", "onvif"], stdout=subprocess.PIPE, text=True)
try:
    ready = json.loads(fake.stdout.readline())   # blocks until the fake listens (its ready line)
    url = ready["url"]
    env = dict(os.environ, NVRKIT_PASSWORD="Admin12345")
    def java(n, w):
        return ["java", "-jar", jar, "identity", "--url", url, "--vendor", "onvif", "--user", "admin",
                "--password-env", "NVRKIT_PASSWORD", "--count", n, "--concurrency", conc,
                "--warmup-count", w]
    cmds = {
        "java": java(count, warm),
        "node": ["node", js, url, "admin", count, conc, warm],
    }
    rates = {k: [] for k in cmds}
    cpus = {k: [] for k in cmds}
    def cpu():
        u = resource.getrusage(resource.RUSAGE_CHILDREN)
        return u.ru_utime + u.ru_stime
    # A device's firmware does not JIT; the fake does, and on a small machine its own compiler needs
    # 10-25 s of load before its hot paths run compiled (its CPU per read falls about fourfold). One
    # untimed run warms it for both clients alike, before any measured round.
    fw = os.environ.get("THROUGHPUT_FAKE_WARMUP", "40000")
    if int(fw) > 0:
        p = subprocess.run(java(fw, "0"), env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        if p.returncode != 0:
            sys.exit("fake warm-up failed:\n" + p.stdout)
        print("fake warm-up: %s untimed reads (THROUGHPUT_FAKE_WARMUP, 0 for none)" % fw, flush=True)
    for r in range(rounds):
        for name, cmd in cmds.items():   # interleaved: a change of load hits both alike
            c0 = cpu()
            p = subprocess.run(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
            c = cpu() - c0
            if p.returncode != 0:
                sys.exit(name + " failed:\n" + p.stdout)
            rate = json.loads(p.stdout.strip().splitlines()[-1])["ops_per_s"]
            rates[name].append(rate)
            cpus[name].append(c)
            # the process's whole CPU time (start-up, connect, warm-up and timed reads) per timed read
            print("round %d %-5s %8.1f reads/s  process CPU %.2f s (%.3f ms per timed read)"
                  % (r + 1, name, rate, c, 1000 * c / int(count)), flush=True)
    j, n = statistics.median(rates["java"]), statistics.median(rates["node"])
    print("median java %.1f reads/s, node %.1f reads/s: %.2fx" % (j, n, j / n))
    jc, nc = statistics.median(cpus["java"]), statistics.median(cpus["node"])
    print("median process CPU java %.2f s, node %.2f s: node/java %.2fx" % (jc, nc, nc / jc))
    print("load after: " + open("/proc/loadavg").read().split()[0])
finally:
    fake.terminate()
    fake.wait()
PY
