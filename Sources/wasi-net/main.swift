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

    rules: see networking.md, e.g. --allow-outbound=tcp://127.0.0.1:8080 --allow-resolve=example.com
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
    fail("invalid rule: \(error)", code: 64)
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
