// Implements the bindings the build plugin generated from greeter.wit.

struct ConsoleGreetings: ConsumerGreeter.Greetings.Host {
    func greet(name: String) -> String { "Hello, \(name)!" }
}

func run(_ host: some ConsumerGreeter.GreeterWorld.Imports) {
    print(host.greet(name: "WIT"))
}

struct GreeterHost: ConsumerGreeter.GreeterWorld.Imports {
    let greetings = ConsoleGreetings()
    func greet(name: String) -> String { greetings.greet(name: name) }
}

run(GreeterHost())
