// Implements the bindings the build plugin generated from greeter.wit. The target is
// called Greeter and holds types named Greeter and Store (like the target and like an
// interface): generated code refers to its own types from the package enum
// (ConsumerGreeter.Store.StoreResource), so neither captures a reference.
import Synchronization

/// The host's data: every store's entries, by store name.
final class Tables: Sendable {
    let entries = Mutex<[String: [String: String]]>([:])
}

/// A store: its name and the host's tables.
struct Store: ConsumerGreeter.Store.StoreResource {
    let name: String
    let tables: Tables
    func get(key: String) -> String? { tables.entries.withLock { $0[name]?[key] } }
    func set(key: String, value: String) { tables.entries.withLock { $0[name, default: [:]][key] = value } }
}

struct ConsoleGreetings: ConsumerGreeter.Greetings.Host {
    func greet(name: String) -> String { "Hello, \(name)!" }
}

/// The program, named like its target.
struct Greeter {
    static func run(_ host: some ConsumerGreeter.GreeterWorld.Imports) {
        print(host.greet(name: "WIT"))
    }
}

struct GreeterHost: ConsumerGreeter.GreeterWorld.Imports {
    let greetings = ConsoleGreetings()
    let tables = Tables()
    func greet(name: String) -> String { greetings.greet(name: name) }
    func makeStore(name: String) -> Store {
        tables.entries.withLock { $0[name] = [:] }
        return Store(name: name, tables: tables)
    }
    func storeOpen(name: String) -> Store { Store(name: name, tables: tables) }
}

let host = GreeterHost()
Greeter.run(host)
let made = host.makeStore(name: "notes")
made.set(key: "greeting", value: host.greet(name: "store"))
let opened = host.storeOpen(name: "notes")
print("opened store shares: \(opened.get(key: "greeting") ?? "nothing")")
