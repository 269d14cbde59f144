import Foundation
import WASINetworking
import WASINetworkingGlibc

// wasi-net: a small netcat on the reference runtime, through the generated
// protocols only. Everything is denied unless an --allow-* flag grants it.

let usage = """
    usage: wasi-net [--allow-resolve=RULE]... [--allow-outbound=RULE]... [--allow-inbound=RULE]... COMMAND

    commands:
      resolve NAME                 print the addresses NAME resolves to
      connect HOST:PORT            connect over TCP; stdin goes to the socket, the socket to stdout,
                                   each until its own end (the end of stdin half-closes the socket)
      listen [ADDR:]PORT [--echo]  accept one TCP connection; echo it back (--echo) or pipe it to stdin/stdout
                                   as connect does
      udp-send HOST:PORT [TEXT]    send one datagram (TEXT, or stdin)
      udp-receive [ADDR:]PORT      print the first datagram received and its sender

    rules (what no rule grants is denied; `wasi-net help rules` lists every form):
      --allow-resolve=NAME         look NAME up (*.DOMAIN: its subdomains; *: any name)
                                   e.g. --allow-resolve=example.com
      --allow-outbound=P://H:PORTS connect (tcp) or send (udp) to H (an address, a name, which may then
                                   be looked up, or *) on PORTS (80, 80,443, 8000-8099 or *)
                                   e.g. --allow-outbound=tcp://127.0.0.1:8080
      --allow-inbound=P://H:PORTS  listen or bind on H (localhost, an interface such as eth0, or *)
                                   e.g. --allow-inbound=tcp://localhost:8080
    """

let rulesHelp = """
    wasi-net's rules: each --allow-* flag grants one kind of access; everything else is denied
    (`access denied`, exit 1). A flag takes its rule as --allow-x=RULE or --allow-x RULE, and
    may be given any number of times.

    --allow-resolve=RULE: name lookups
      example.com                    exactly this name (any case, one trailing dot allowed)
      *.example.com                  any name below example.com, not example.com itself
      *                              any name
      example.com#ipv4-only          only IPv4 answers (#ipv6-only: only IPv6 ones)
      db.internal->172.17.0.14       the name resolves to this address, whatever DNS says

    --allow-outbound=RULE: TCP connections and UDP datagrams sent
      tcp://127.0.0.1:8080           one address, one port ([::1]:8080 for IPv6)
      tcp://127.0.0.1:*              any port of that address
      tcp://*:443                    any address, port 443
      tcp://example.com:443          the addresses example.com resolves to (and looking it up)
      tcp://*:80,443  tcp://*:8000-8099   lists and ranges of ports
      udp://*:53                     the same forms for UDP
      tcp://*:*#ipv4-only            only IPv4 destinations (#ipv6-only: only IPv6 ones)
      tcp://db.internal->172.17.0.14:5432->5433
                                     the name means that address, and port 5432 is 5433 on the host

    --allow-inbound=RULE: listening (TCP) and binding (UDP)
      tcp://localhost:8080           loopback, port 8080 (and looking localhost up)
      tcp://eth0:8080                the addresses of one network interface
      tcp://*:8080                   any local address
      tcp://*:0                      a port the system picks
      tcp://*:80->8888               the program sees port 80; the host listens on 8888
    """

func fail(_ message: String, code: Int32 = 1) -> Never {
    FileHandle.standardError.write(Data("wasi-net: \(message)\n".utf8))
    exit(code)
}

var policyArguments: [String] = []
var command: [String] = []
var index = 1
let arguments = CommandLine.arguments
while index < arguments.count {
    let argument = arguments[index]
    if argument.hasPrefix("--allow-") {
        if argument.contains("=") {
            policyArguments.append(argument)
        } else if index + 1 < arguments.count {
            policyArguments.append("\(argument)=\(arguments[index + 1])")
            index += 1
        } else {
            fail("\(argument) needs a rule", code: 64)
        }
    } else if argument == "--help" || argument == "-h" {
        print(usage)
        exit(0)
    } else {
        command.append(argument)
    }
    index += 1
}

let policy: NetworkPolicy
do {
    policy = try NetworkPolicy(arguments: policyArguments)
} catch {
    fail("invalid rule: \(error)\n\(error.pointer)", code: 64)
}
let host = GlibcNetworkingHost(policy: policy)

/// The endpoint `text` names, or a usage error saying what is wrong with it.
func endpoint(_ text: String, hostOptional: Bool, usage: String) -> EndpointArgument {
    do throws(EndpointArgument.Problem) {
        return try EndpointArgument(text, hostOptional: hostOptional)
    } catch {
        fail("\(error.message)\nusage: \(usage)", code: 64)
    }
}

guard let verb = command.first else { fail("missing command\n\n\(usage)", code: 64) }
if verb == "help" {
    switch Array(command.dropFirst()) {
    case []: print(usage)
    case ["rules"]: print(rulesHelp)
    default: fail("usage: help [rules]", code: 64)
    }
    exit(0)
}
let rest = Array(command.dropFirst())

do {
    switch verb {
    case "resolve":
        guard rest.count == 1 else { fail("usage: resolve NAME", code: 64) }
        for address in try resolve(host, rest[0]) { print(describe(address)) }
    case "connect":
        guard rest.count == 1 else { fail("usage: connect HOST:PORT", code: 64) }
        let target = endpoint(rest[0], hostOptional: false, usage: "connect HOST:PORT")
        try connect(host, name: target.host ?? "", port: target.port)
    case "listen":
        let echo = rest.contains("--echo")
        let positional = rest.filter { $0 != "--echo" }
        guard positional.count == 1 else { fail("usage: listen [ADDR:]PORT [--echo]", code: 64) }
        let local = endpoint(positional[0], hostOptional: true, usage: "listen [ADDR:]PORT [--echo]")
        try listen(host, address: local.host, port: local.port, echo: echo)
    case "udp-send":
        guard (1...2).contains(rest.count) else { fail("usage: udp-send HOST:PORT [TEXT]", code: 64) }
        let target = endpoint(rest[0], hostOptional: false, usage: "udp-send HOST:PORT [TEXT]")
        let data = rest.count == 2 ? Array(rest[1].utf8) : [UInt8](FileHandle.standardInput.readDataToEndOfFile())
        try udpSend(host, name: target.host ?? "", port: target.port, data: data)
    case "udp-receive":
        guard rest.count == 1 else { fail("usage: udp-receive [ADDR:]PORT", code: 64) }
        let local = endpoint(rest[0], hostOptional: true, usage: "udp-receive [ADDR:]PORT")
        try udpReceive(host, address: local.host, port: local.port)
    default:
        fail("unknown command \(verb)\n\n\(usage)", code: 64)
    }
} catch let error as WASINetworking.Socket.ErrorCode {
    fail(error == .accessDenied ? "access denied: \(activity) (the --allow-* flags do not permit it)" : "\(activity): \(error.message)")
} catch let error as CommandError {
    fail(error.message)
}
