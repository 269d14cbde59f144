#if canImport(Glibc)
import Glibc
#endif
import Dispatch
import WASINetworking
import WASINetworkingGlibc

// The raw Glibc and runtime versions of each benchmark run in the same process, on the
// same CPU, in many short rounds that alternate (and alternate which side goes first),
// after a warm-up of each. The overhead is the median over rounds of the runtime's time over
// raw Glibc's for the same work: a slow spell of a shared machine that hits one round
// moves one ratio, not the result. The figures printed are each side's median.

func now() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_MONOTONIC, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}

/// The time `body` takes.
func time(_ body: () throws -> Void) rethrows -> Double {
    let start = now()
    try body()
    return now() - start
}

func best(_ rounds: Int, _ body: () throws -> Void) rethrows -> Double {
    var result = Double.infinity
    for _ in 0..<rounds { result = min(result, try time(body)) }
    return result
}

func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    let middle = sorted.count / 2
    return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}

/// Median times of both sides and the median ratio of the two in one round.
struct Comparison {
    var raw: Double
    var runtime: Double
    var ratio: Double
}

/// Runs each side once to warm up, then both `rounds` times, alternating which goes first;
/// each side returns the time of its measured part.
func compare(rounds: Int, raw: () throws -> Double, runtime: () throws -> Double) rethrows -> Comparison {
    _ = try raw()
    _ = try runtime()
    var raws: [Double] = [], ours: [Double] = [], ratios: [Double] = []
    for round in 0..<rounds {
        let (rawTime, ourTime): (Double, Double)
        if round % 2 == 0 {
            rawTime = try raw()
            ourTime = try runtime()
        } else {
            ourTime = try runtime()
            rawTime = try raw()
        }
        raws.append(rawTime)
        ours.append(ourTime)
        ratios.append(ourTime / rawTime)
    }
    return Comparison(raw: median(raws), runtime: median(ours), ratio: median(ratios))
}

// Many short rounds rather than a few long ones: on a shared machine a slow spell then
// spoils single rounds of either side, not a whole side.
let roundTrips = 200
let rounds = 201

/// `sched_setaffinity` and `sched_getcpu` (GNU extensions the Glibc module does not export).
@_silgen_name("sched_setaffinity")
func setAffinity(_ thread: Int32, _ size: Int, _ mask: UnsafeRawPointer) -> Int32
@_silgen_name("sched_getcpu")
func currentCPU() -> Int32

/// The one CPU every thread of the benchmark runs on, raw and runtime alike. Where the
/// scheduler puts a client and its echo thread decides a loopback round trip more than
/// anything either does (a wake-up on an idle CPU of a virtual machine costs tens of µs),
/// and it puts them differently from one run to the next; on one CPU, both sides pay
/// the same switches and the ratio shows what each side's own work costs.
let benchmarkCPU = Int(max(currentCPU(), 0))

/// Keeps the calling thread on ``benchmarkCPU``.
func pinToBenchmarkCPU() {
    var set = cpu_set_t()
    withUnsafeMutableBytes(of: &set) { $0[benchmarkCPU / 8] |= UInt8(1 << (benchmarkCPU % 8)) }
    let status = withUnsafeBytes(of: &set) { setAffinity(0, $0.count, $0.baseAddress!) }
    precondition(status == 0, "sched_setaffinity failed")
}

let rules = ["--allow-inbound=tcp://localhost:*", "--allow-outbound=tcp://127.0.0.1:*",
             "--allow-inbound=udp://localhost:*", "--allow-outbound=udp://127.0.0.1:*"]
let runtime = GlibcNetworkingHost(policy: try! NetworkPolicy(arguments: rules))
typealias Address = WASINetworking.Socket.IPSocketAddress
func v4(_ port: UInt16) -> Address { .ipv4(.init(port: port, address: (127, 0, 0, 1))) }

func runtimeListener() throws -> (GlibcTCPListener, Address) {
    let socket = try runtime.defaultTCPNetwork().createTCPSocket(addressFamily: .ipv4)
    try socket.bind(localAddress: v4(0))
    let listener = try GlibcTCPSocket.listen(socket: socket, backlogSizeHint: 128)
    return (listener, try listener.localAddress())
}

/// The descriptor and port of the runtime listener at `address`, for the raw side of a
/// benchmark to connect to and accept from (see `Raw.listeningDescriptor`); the listener
/// must outlive that use.
func sharedListener(at address: Address) -> (Int32, UInt16) {
    guard case .ipv4(let socketAddress) = address else { fatalError("the benchmarks listen on IPv4") }
    return (Raw.listeningDescriptor(port: socketAddress.port), socketAddress.port)
}

func runtimeConnect(_ address: Address) throws -> GlibcTCPConnection {
    let socket = try runtime.defaultTCPNetwork().createTCPSocket(addressFamily: .ipv4)
    do { return try GlibcTCPSocket.connect(socket: socket, remoteAddress: address) } catch { throw error.error }
}

/// One loopback TCP connection over raw Glibc and one over the runtime, each with its
/// listener: the two sides of a benchmark that compares them on one connection.
struct ConnectionPairs {
    var rawListener: Int32, rawClient: Int32, rawServer: Int32
    var listener: GlibcTCPListener, client: GlibcTCPConnection, server: GlibcTCPConnection

    init() throws {
        let (rawListener, rawPort) = Raw.listener()
        self.rawListener = rawListener
        rawClient = Raw.connectTCP(port: rawPort)
        rawServer = Raw.accept(rawListener)
        let (listener, address) = try runtimeListener()
        self.listener = listener
        client = try runtimeConnect(address)
        server = try listener.accept()
    }
}

/// Prints both figures and the overhead, always from the ratio of times for the same work
/// (positive: the runtime is slower). `figure` turns a time into the printed figure.
func report(_ name: String, _ result: Comparison, unit: String, figure: (Double) -> Double) {
    let padded = name + String(repeating: " ", count: max(0, 34 - name.count))
    print("\(padded) raw \(format(figure(result.raw))) \(unit)   runtime \(format(figure(result.runtime))) \(unit)   overhead \(format((result.ratio - 1) * 100))%")
}

func format(_ value: Double) -> String {
    let rounded = (value * 100).rounded() / 100
    return String(rounded)
}

/// The number of TCP connections in TIME_WAIT on the machine (`/proc/net/sockstat`): each
/// connect searches past them for a free port, so the connect/accept/close rate falls as
/// they grow (both sides alike; they clear after a minute).
func timeWaitConnections() -> Int? {
    guard let file = fopen("/proc/net/sockstat", "r") else { return nil }
    defer { fclose(file) }
    var line = [CChar](repeating: 0, count: 512)
    while fgets(&line, Int32(line.count), file) != nil {
        let fields = String(decoding: line.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            .split(separator: " ")
        guard fields.first == "TCP:", let index = fields.firstIndex(of: "tw"), index + 1 < fields.count else { continue }
        return Int(fields[index + 1].filter(\.isNumber))
    }
    return nil
}
