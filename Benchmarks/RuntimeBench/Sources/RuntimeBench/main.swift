// The runtime against raw Glibc on loopback, same run (Support.swift says how it measures).
pinToBenchmarkCPU()
print("all threads on CPU \(benchmarkCPU); overhead: the median over alternating rounds of the runtime's time / raw Glibc's for the same work, minus 1")
try tcpRoundTrip()
try tcpBulk()
try udpRoundTrip()
try connectAcceptClose()
try noiseFloor()
try policyCheck()
