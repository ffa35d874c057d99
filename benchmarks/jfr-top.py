#!/usr/bin/env python3
"""Top frames of a JFR recording's CPU samples (jdk.ExecutionSample), for JDK 17's `jfr` tool.

    benchmarks/jfr-top.py RECORDING.jfr [THREAD_PREFIX [N]]

Prints the share of samples per thread group, then the N (default 25) most frequent top (self)
frames and the N most frequent frames anywhere on the stack (inclusive), over the samples of the
threads whose name starts with THREAD_PREFIX (default: all; `nvrkit-rotation` for a fleet run's
rotation workers). Record with e.g.
    java -XX:FlightRecorderOptions:stackdepth=256 \
         -XX:StartFlightRecording=filename=fleet.jfr,settings=profile \
         -jar benchmarks/target/benchmarks.jar fleet ...
(JFR keeps 64 frames by default: HttpClient's stacks are deeper, and their outer frames would be
missing from the inclusive counts.)
"""
import collections
import json
import subprocess
import sys

rec = sys.argv[1]
prefix = sys.argv[2] if len(sys.argv) > 2 else ""
n = int(sys.argv[3]) if len(sys.argv) > 3 else 25
out = subprocess.run(["jfr", "print", "--json", "--events", "jdk.ExecutionSample", rec],
                     capture_output=True, text=True, check=True).stdout
events = json.loads(out)["recording"]["events"]
threads, top, incl = collections.Counter(), collections.Counter(), collections.Counter()
total = 0
for e in events:
    t = e["values"]["sampledThread"]
    name = t.get("javaName") or t.get("osName") or "?"
    threads[name.rstrip("0123456789-")] += 1
    if not name.startswith(prefix):
        continue
    total += 1
    st = e["values"]["stackTrace"]
    frames = [f["method"]["type"]["name"].replace("/", ".") + "." + f["method"]["name"]
              for f in (st["frames"] if st else [])]
    if frames:
        top[frames[0]] += 1
    for f in set(frames):
        incl[f] += 1
all_samples = sum(threads.values()) or 1
print("samples: %d in all, %d in threads '%s*'" % (all_samples, total, prefix))
for name, c in threads.most_common(8):
    print("  %5.1f%%  %s" % (100 * c / all_samples, name))
total = total or 1
print("top frames (self):")
for f, c in top.most_common(n):
    print("  %5.1f%%  %s" % (100 * c / total, f))
print("frames anywhere on the stack (inclusive):")
for f, c in incl.most_common(n):
    print("  %5.1f%%  %s" % (100 * c / total, f))
