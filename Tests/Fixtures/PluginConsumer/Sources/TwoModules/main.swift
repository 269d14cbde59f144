// One program, two binding modules made by the build plugin from different WIT: WASI 0.2
// and wasi:networking. Both import the one WITSupport; their package enums do not meet.
import NetworkingBindings
import WASIBindings
import WITSupport

let family = WASINetworking.Socket.IPAddressFamily.ipv6
let instant = WASIClocks.WallClock.Datetime(seconds: 86_400, nanoseconds: 7)
let failure: WITSupport.WITResult<UInt32, String> = .err("no")
print("\(family) \(instant.seconds).\(instant.nanoseconds) \(failure)")
