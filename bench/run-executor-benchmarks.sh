#!/bin/sh
# Executor benchmarks (issue 3/6): wall time vs critical path and serial for a 200-action sleep plan,
# and per-command overhead vs a bare process spawn. Prints the figures quoted in docs/performance.md.
# Usage: bench/run-executor-benchmarks.sh [actions layers repeats parallelisms]
set -eu
cd "$(dirname "$0")/.."
mvn -B -q -pl bench -am compile dependency:build-classpath \
    -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=runtime
CP="bench/target/classes:$(cat bench/target/bench.classpath)"
java -cp "$CP" io.dataos.upgrade.bench.ExecutorBench "$@"
java -cp "$CP" io.dataos.upgrade.bench.CommandOverheadBench
