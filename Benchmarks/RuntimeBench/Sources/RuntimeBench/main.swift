// The runtime against raw Glibc on loopback, same run (Support.swift says how it measures).
#if canImport(Glibc)
import Glibc
#endif
// `RuntimeBench [NAME...]` runs only the named benchmarks (all without names).
let benchmarks: [(name: String, run: () throws -> Void)] = [
    ("tcp-round-trip", tcpRoundTrip), ("tcp-bulk", tcpBulk), ("udp-round-trip", udpRoundTrip),
    ("connect-accept-close", connectAcceptClose), ("noise-floor", noiseFloor), ("policy-check", policyCheck),
    ("policy-build", policyBuild), ("policy-view", policyView), ("tcp-small-reads", tcpSmallReads),
    ("policy-check-sizes", policyCheckSizes),
]
let chosen = Set(CommandLine.arguments.dropFirst())
if let unknown = chosen.first(where: { name in !benchmarks.contains { $0.name == name } }) {
    print("unknown benchmark \(unknown); the benchmarks: \(benchmarks.map(\.name).joined(separator: " "))")
    exit(64)
}
pinToBenchmarkCPU()
print("all threads on CPU \(benchmarkCPU); overhead: the median over alternating rounds of the runtime's time / raw Glibc's for the same work, minus 1")
print("TCP connections in TIME_WAIT on the machine: \(timeWaitConnections().map(String.init) ?? "unknown")")
for benchmark in benchmarks where chosen.isEmpty || chosen.contains(benchmark.name) {
    try benchmark.run()
}
