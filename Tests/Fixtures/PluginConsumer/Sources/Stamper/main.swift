// Implements the bindings the build plugin generated from wit/ and its deps/: the world
// imports the interface of its own package and, through its `use`, wasi:clocks' wall clock,
// whose bindings come from the Clocks module (wit/swift-map.txt maps wasi:clocks to it).
import Clocks

struct FixedClock: WASIClocks.WallClock.Host {
    func now() -> WASIClocks.WallClock.Datetime { WASIClocks.WallClock.Datetime(seconds: 1_700_000_000, nanoseconds: 5) }
    func resolution() -> WASIClocks.WallClock.Datetime { WASIClocks.WallClock.Datetime(seconds: 0, nanoseconds: 1) }
}

struct StamperHost: ExampleStamper.StamperWorld.Imports {
    let clock = FixedClock()
    func now() -> WASIClocks.WallClock.Datetime { clock.now() }
    func resolution() -> WASIClocks.WallClock.Datetime { clock.resolution() }
    func now(label: String) -> ExampleStamper.Stamps.Stamp { ExampleStamper.Stamps.Stamp(at: clock.now(), label: label) }
}

let stamp = StamperHost().now(label: "build")
print("\(stamp.label) at \(stamp.at.seconds).\(stamp.at.nanoseconds)")
