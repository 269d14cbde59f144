"""A fake wasi:networking@0.1.0 host for the C runtime ABI check (Scripts/check-c-runtime).

usage: python host.py COMPONENT.wasm     (needs wasmtime==50.0.1, see .ci/install-tools)

Runs the component built from Tests/Fixtures/CGuests/networking_runtime_guest.c under
wasmtime. Every import of socket-tcp, socket-udp and ip-resolve-address is a fake driven by
EXPECT below: for each function, the calls the guest makes in order, each with the arguments
the host must receive (every field: variant cases, records, tuples, lists, strings, options,
enums, integers at their widths, handles by resource type, rep and own/borrow) and what the host
returns (both arms of each result). The resource destructors record which handles the guest
drops. Then `run` is called; the guest checks what it got back and reports "ok N checks" or the
first mismatch.

Prints "runtime ABI (networking): N calls checked, ok" and exits 0, or prints every mismatch
and exits 1.
"""
import sys
from collections import namedtuple

from wasmtime import Engine, Store
from wasmtime.component import Component, Linker, Record, ResourceAny, ResourceHost, ResourceType, Variant

# --- resources -------------------------------------------------------------------------------

# The host resource types (wasmtime ResourceType.host ids), by interface.
RESOURCES = {
    "wasi:networking/socket-tcp@0.1.0": {"tcp-network": 1, "tcp-socket": 2, "tcp-listener": 3, "tcp-connection": 4},
    "wasi:networking/socket-udp@0.1.0": {"udp-network": 5, "udp-socket": 6},
    "wasi:networking/ip-resolve-address@0.1.0": {"resolver": 7},
}
TYPE_IDS = {name: ty for resources in RESOURCES.values() for name, ty in resources.items()}
TYPE_NAMES = {ty: name for name, ty in TYPE_IDS.items()}

# Distinctive reps (u32, high bit set) for every resource the host hands out.
TCP_NETWORK = 0xA1000001
SOCKET1, SOCKET2, SOCKET3 = 0xA2000001, 0xA2000002, 0xA2000003
LISTENER = 0xA3000001
CONNECTION1, CONNECTION2 = 0xA4000001, 0xA4000002
UDP_NETWORK = 0xA5000001
UDP_SOCKET = 0xA6000001
RESOLVER = 0xA7000001

# A handle as the host sees it: resource type name, rep, and whether it is owned.
Handle = namedtuple("Handle", "resource rep owned")


def own(resource, rep):
    return Handle(resource, rep, True)


def borrow(resource, rep):
    return Handle(resource, rep, False)


# --- values (the guest's constants have the same names) -----------------------------------------


def record(**fields):
    """A record as the host compares it: a dict with the WIT (kebab-case) field names."""
    return {name.replace("_", "-"): value for name, value in fields.items()}


def ipv4_sockaddr(port, address):
    return Variant("ipv4", record(port=port, address=address))


def ipv6_sockaddr(port, flow_info, address, scope_id):
    return Variant("ipv6", record(port=port, flow_info=flow_info, address=address, scope_id=scope_id))


# Sent by the guest.
A4 = ipv4_sockaddr(0xBEEF, (192, 168, 127, 254))
A6 = ipv6_sockaddr(0xF00D, 0xABCDEF12, (0x2001, 0x0DB8, 0x85A3, 0xFEDC, 0x8A2E, 0x0370, 0x7334, 0xFFFF), 0x89ABCDEF)
# Returned by the host.
R4 = ipv4_sockaddr(0xCAFE, (203, 0, 113, 153))
R6 = ipv6_sockaddr(0xD00D, 0xFEDCBA98, (0xFE80, 0x1111, 0x2222, 0x3333, 0x8444, 0x9555, 0xA666, 0xB777), 0xC0FFEE01)
RESOLVED6 = (0x2001, 0x0DB8, 0x0000, 0x0042, 0x0000, 0x8A2E, 0xDEAD, 0xBEEF)


def pattern(seed, n):
    """Byte i is (i * 7 + seed) & 0xff (the guest's pattern())."""
    return bytes((i * 7 + seed) & 0xFF for i in range(n))


# Every result in this package has arms of different Python types (e.g. a handle and an enum
# string), so wasmtime-py represents them untagged: the host returns the arm's value itself.
def ok(value=None):
    return value


def err(value):
    return value


# --- the calls -------------------------------------------------------------------------------

TCP = "wasi:networking/socket-tcp@0.1.0"
UDP = "wasi:networking/socket-udp@0.1.0"
RESOLVE = "wasi:networking/ip-resolve-address@0.1.0"

net = borrow("tcp-network", TCP_NETWORK)
s1 = borrow("tcp-socket", SOCKET1)
lis = borrow("tcp-listener", LISTENER)
c1, c2 = borrow("tcp-connection", CONNECTION1), borrow("tcp-connection", CONNECTION2)
unet = borrow("udp-network", UDP_NETWORK)
us = borrow("udp-socket", UDP_SOCKET)
res = borrow("resolver", RESOLVER)

# (interface, function) -> [(arguments the host must receive, what it returns), ...] in call order.
EXPECT = {
    (TCP, "default-tcp-network"): [((), own("tcp-network", TCP_NETWORK))],
    (TCP, "[method]tcp-network.create-tcp-socket"): [
        ((net, "ipv6"), ok(own("tcp-socket", SOCKET1))),
        ((net, "ipv4"), err("address-family-not-supported")),
        ((net, "ipv4"), ok(own("tcp-socket", SOCKET2))),
        ((net, "ipv6"), ok(own("tcp-socket", SOCKET3))),
    ],
    (TCP, "[method]tcp-socket.protocol"): [((s1,), "udp"), ((s1,), "tcp")],
    (TCP, "[method]tcp-socket.address-family"): [((s1,), "ipv6"), ((s1,), "ipv4")],
    (TCP, "[method]tcp-socket.bind"): [((s1, A4), ok()), ((s1, A6), err("already-bound"))],
    (TCP, "[method]tcp-socket.local-address"): [((s1,), ok(R6)), ((s1,), ok(R4)), ((s1,), err("not-bound"))],
    (TCP, "[static]tcp-socket.connect"): [
        ((own("tcp-socket", SOCKET1), A6), err(record(socket=own("tcp-socket", SOCKET1), error="connection-refused"))),
        ((own("tcp-socket", SOCKET1), A4), ok(own("tcp-connection", CONNECTION1))),
    ],
    (TCP, "[static]tcp-socket.listen"): [
        ((own("tcp-socket", SOCKET2), 0xDEADBEEF), err(record(socket=own("tcp-socket", SOCKET2), error="address-in-use"))),
        ((own("tcp-socket", SOCKET2), 7), ok(own("tcp-listener", LISTENER))),
    ],
    (TCP, "[method]tcp-listener.protocol"): [((lis,), "tcp")],
    (TCP, "[method]tcp-listener.address-family"): [((lis,), "ipv4")],
    (TCP, "[method]tcp-listener.local-address"): [((lis,), ok(R4)), ((lis,), err("access-denied"))],
    (TCP, "[method]tcp-listener.accept"): [
        ((lis,), ok(own("tcp-connection", CONNECTION2))),
        ((lis,), err("too-many-sockets")),
    ],
    (TCP, "[method]tcp-connection.protocol"): [((c1,), "tcp")],
    (TCP, "[method]tcp-connection.address-family"): [((c1,), "ipv6"), ((c2,), "ipv4")],
    (TCP, "[method]tcp-connection.local-address"): [((c1,), ok(R6)), ((c2,), err("invalid-argument"))],
    (TCP, "[method]tcp-connection.remote-address"): [((c1,), ok(R4)), ((c1,), err("not-connected"))],
    (TCP, "[method]tcp-connection.read"): [
        ((c1, 0xFEDCBA9876543210), ok(pattern(0x11, 300))),
        ((c1, 0), ok(b"")),
        ((c2, 1), err("connection-reset")),
    ],
    (TCP, "[method]tcp-connection.peek"): [
        ((c1, 0x0123456789ABCDEF), ok(pattern(0x80, 5))),
        ((c1, 0x8000000000000000), err("timeout")),
    ],
    (TCP, "[method]tcp-connection.write"): [
        ((c1, pattern(0x03, 1000)), ok(0xFFFFFFFF00000001)),
        ((c2, b""), err("broken-pipe")),
    ],
    (TCP, "[method]tcp-connection.flush"): [((c1,), ok()), ((c1,), err("unknown"))],
    (TCP, "[method]tcp-connection.shutdown"): [
        ((c1, "receive"), ok()),
        ((c1, "send"), ok()),
        ((c2, "both"), err("not-connected")),
    ],
    (UDP, "default-udp-network"): [((), own("udp-network", UDP_NETWORK))],
    (UDP, "[method]udp-network.create-udp-socket"): [
        ((unet, "ipv4"), ok(own("udp-socket", UDP_SOCKET))),
        ((unet, "ipv6"), err("too-many-sockets")),
    ],
    (UDP, "[method]udp-socket.protocol"): [((us,), "udp")],
    (UDP, "[method]udp-socket.address-family"): [((us,), "ipv4")],
    (UDP, "[method]udp-socket.bind"): [((us, A6), ok()), ((us, A4), err("address-in-use"))],
    (UDP, "[method]udp-socket.local-address"): [((us,), ok(R4)), ((us,), err("not-bound"))],
    (UDP, "[method]udp-socket.receive"): [
        ((us, 0x8000000000000001),
         ok((pattern(0x42, 77), record(bytes_received=0xFEDCBA9876543210, truncated=True, remote_address=R6)))),
        ((us, 5), err("connection-refused")),
    ],
    (UDP, "[method]udp-socket.peek"): [
        ((us, 0x55), ok((b"", record(bytes_received=0, truncated=False, remote_address=R4)))),
        ((us, 0xFFFFFFFFFFFFFFFF), err("would-block")),
    ],
    (UDP, "[method]udp-socket.send"): [
        ((us, pattern(0xF0, 513), record(remote_address=A6)), ok(0x0102030405060708)),
        ((us, b"", record(remote_address=A4)), err("datagram-too-large")),
    ],
    (UDP, "[method]udp-socket.connect"): [((us, A4), ok()), ((us, A6), err("invalid-argument"))],
    (UDP, "[method]udp-socket.remote-address"): [((us,), ok(R6)), ((us,), err("not-connected"))],
    (RESOLVE, "default-resolver"): [((), own("resolver", RESOLVER))],
    (RESOLVE, "[method]resolver.resolve-addresses"): [
        ((res, "bücher.例え.テスト", record(address_family=None, include_unavailable=True)),
         ok([Variant("ipv4", (192, 0, 2, 33)), Variant("ipv6", RESOLVED6), Variant("ipv4", (255, 254, 253, 252))])),
        ((res, "xn--bcher-kva.example", record(address_family="ipv6", include_unavailable=False)), ok([])),
        ((res, "", record(address_family="ipv4", include_unavailable=True)), err("name-unresolvable")),
        ((res, "".join(chr(ord("a") + i % 26) for i in range(300)),
          record(address_family=None, include_unavailable=False)), err("temporary-resolver-failure")),
    ],
}

# The handles the guest drops, in order: (resource, rep).
EXPECTED_DROPS = [
    ("tcp-socket", SOCKET3),
    ("tcp-connection", CONNECTION2),
    ("tcp-connection", CONNECTION1),
    ("tcp-listener", LISTENER),
    ("tcp-network", TCP_NETWORK),
    ("udp-socket", UDP_SOCKET),
    ("udp-network", UDP_NETWORK),
    ("resolver", RESOLVER),
]

# --- the fake host ---------------------------------------------------------------------------

mismatches = []
calls_checked = 0
values_checked = 0
drops = []


def received(store, value):
    """What the host received, in EXPECT's terms (handles by resource type, rep and ownership)."""
    if isinstance(value, ResourceAny):
        host = value.to_host(store)
        return Handle(TYPE_NAMES.get(host.type, host.type), host.rep, value.owned)
    if isinstance(value, Record):
        return {name: received(store, field) for name, field in vars(value).items()}
    if isinstance(value, Variant):
        return Variant(value.tag, received(store, value.payload))
    if isinstance(value, tuple):
        return tuple(received(store, v) for v in value)
    if isinstance(value, list):
        return [received(store, v) for v in value]
    return value


def compare(where, got, want):
    """Compares value by value; counts the leaves, records each difference."""
    global values_checked
    if isinstance(want, Variant) and isinstance(got, Variant) and got.tag == want.tag:
        compare(f"{where}.{want.tag}", got.payload, want.payload)
    elif isinstance(want, dict) and isinstance(got, dict) and got.keys() == want.keys():
        for name in want:
            compare(f"{where}.{name}", got[name], want[name])
    elif isinstance(want, (tuple, list)) and not isinstance(want, Handle) and type(got) is type(want) \
            and len(got) == len(want):
        for i, (g, w) in enumerate(zip(got, want)):
            compare(f"{where}[{i}]", g, w)
    else:
        values_checked += 1
        if type(got) is not type(want) or got != want:
            mismatches.append(f"{where}: got {show(got)}, want {show(want)}")


def show(value):
    if isinstance(value, int) and not isinstance(value, bool):
        return hex(value)
    if isinstance(value, bytes) and len(value) > 16:
        return f"{len(value)} bytes {value[:16].hex()}..."
    return repr(value)


def lowered(value):
    """The Python value wasmtime-py lowers for an EXPECT return value (fresh handles each time)."""
    if isinstance(value, Handle):
        return ResourceHost.own(value.rep, TYPE_IDS[value.resource])
    if isinstance(value, dict):
        r = Record()
        for name, field in value.items():
            setattr(r, name, lowered(field))
        return r
    if isinstance(value, Variant):
        return Variant(value.tag, lowered(value.payload))
    if isinstance(value, tuple):
        return tuple(lowered(v) for v in value)
    if isinstance(value, list):
        return [lowered(v) for v in value]
    return value


def fake(interface, function):
    queue = EXPECT[(interface, function)]
    count = [0]

    def call(store, *args):
        global calls_checked
        count[0] += 1
        where = f"{function} call {count[0]}"
        if not queue:
            mismatches.append(f"{where}: not expected (only {count[0] - 1} calls are)")
            raise RuntimeError(f"unexpected call: {where}")
        want_args, result = queue.pop(0)
        got_args = tuple(received(store, a) for a in args)
        before = len(mismatches)
        if len(got_args) != len(want_args):
            mismatches.append(f"{where}: {len(got_args)} arguments, want {len(want_args)}")
        else:
            for i, (g, w) in enumerate(zip(got_args, want_args)):
                compare(f"{where} argument {i}", g, w)
        if len(mismatches) == before:
            calls_checked += 1
        return lowered(result)

    return call


def destructor(resource):
    def drop(store, rep):
        drops.append((resource, rep))

    return drop


def trap_reason(error):
    """The cause of a wasmtime error without its backtrace ("Caused by:" lines, else the first)."""
    lines = [line.strip() for line in str(error).splitlines() if line.strip()]
    if "Caused by:" in lines:
        return "; ".join(lines[lines.index("Caused by:") + 1:])
    return lines[0] if lines else type(error).__name__


def main():
    engine = Engine()
    store = Store(engine)
    linker = Linker(engine)
    with linker.root() as root:
        with root.add_instance("wasi:networking/socket@0.1.0"):
            pass  # types only
        for interface, resources in RESOURCES.items():
            with root.add_instance(interface) as instance:
                for name, ty in resources.items():
                    instance.add_resource(name, ResourceType.host(ty), destructor(name))
                for (iface, function) in EXPECT:
                    if iface == interface:
                        instance.add_func(function, fake(iface, function))
    component = Component.from_file(engine, sys.argv[1])
    instance = linker.instantiate(store, component)
    run = instance.get_func(store, "run")
    report = None
    try:
        report = run(store)
        run.post_return(store)
    except Exception as error:  # a trap, or a host function that raised
        mismatches.append(f"run trapped: {trap_reason(error)}")

    missing = [(function, len(queue)) for (_, function), queue in EXPECT.items() if queue]
    if missing:
        mismatches.append(f"{sum(n for _, n in missing)} expected calls not made, of "
                          + ", ".join(f"{function} ({n})" for function, n in missing[:4])
                          + (", ..." if len(missing) > 4 else ""))
    if drops != EXPECTED_DROPS:
        mismatches.append(f"drops: got {[(r, hex(p)) for r, p in drops]}, want {[(r, hex(p)) for r, p in EXPECTED_DROPS]}")
    if report is not None and not (isinstance(report, str) and report.startswith("ok ")):
        mismatches.append(f"guest: {report}")

    if mismatches:
        print(f"runtime ABI (networking): FAIL, {len(mismatches)} mismatches"
              f" ({calls_checked} calls fully matched; guest: {report!r}):")
        for m in mismatches[:40]:
            print("  " + m)
        return 1
    print(f"runtime ABI (networking): {calls_checked} calls checked, ok"
          f" ({values_checked} argument values, {len(drops)} resource drops; guest: {report} of returned values)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
