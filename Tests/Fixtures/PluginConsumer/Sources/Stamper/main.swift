// Implements the bindings the build plugin generated from wit/ and its deps/: the world
// imports the interface of its own package and, through its `use`, wasi:clocks' wall clock.

struct FixedClock: WallClock.Host {
    func now() -> WallClock.Datetime { WallClock.Datetime(seconds: 1_700_000_000, nanoseconds: 5) }
    func resolution() -> WallClock.Datetime { WallClock.Datetime(seconds: 0, nanoseconds: 1) }
}

struct StamperHost: StamperWorld.Imports {
    let clock = FixedClock()
    func now() -> WallClock.Datetime { clock.now() }
    func resolution() -> WallClock.Datetime { clock.resolution() }
    func now(label: String) -> Stamps.Stamp { Stamps.Stamp(at: clock.now(), label: label) }
}

let stamp = StamperHost().now(label: "build")
print("\(stamp.label) at \(stamp.at.seconds).\(stamp.at.nanoseconds)")
