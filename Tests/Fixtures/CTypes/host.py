"""A fake host for the C runtime ABI check of every type form (Scripts/check-c-types-runtime).

usage: python host.py COMPONENT.wasm     (needs wasmtime==50.0.1, see .ci/install-tools)
       python host.py --fixed CORE.wasm     (world `fixed`, see main_fixed)

Runs the component built from Tests/Fixtures/CGuests/types_runtime_guest.c (world test:types/all
of Tests/Fixtures/CTypes/types.wit) under wasmtime, whose canonical ABI is the reference here:
 1. the host implements the imported interface `echo` and the world-level imports: for each
    function, EXPECT lists the calls the guest makes in order, each with the arguments the host
    must receive and what it returns; the resource destructor records the handles dropped;
 2. it calls `run`: the guest makes those calls, checks what it got back and returns "ok N checks"
    or the first mismatch;
 3. it calls every export of the guest (EXPORT_CALLS, in order) with distinctive arguments and
    checks every result (after which it calls the post-return function), makes and drops
    counters of the exported resource;
 4. it calls `report`: the guest's checks of the arguments its exports received, of its
    resource destructor, and that every block allocated in it was freed.

Prints "runtime ABI (all types): N calls checked, ok (...)" and exits 0, or every mismatch and
exits 1.
"""
import math
import struct
import sys
from collections import namedtuple

from wasmtime import Engine, Store
from wasmtime.component import Component, Linker, Record, ResourceAny, ResourceHost, ResourceType, Variant
from wasmtime.component._types import VariantLikeType

# wasmtime-py represents a variant, option or result "untagged" (the payload alone) when its
# cases' Python types differ, and then cannot lower every value: with result<option<string>, E>
# the ok arm's none (any object) matches an err payload too. This host uses the tagged form,
# Variant(case, payload), for every variant, option and result, both ways.
VariantLikeType._tagged = lambda self: True

# --- values (the guest's builders have the same names) ------------------------------------------

INF = math.inf


def F32(bits):
    """The float with these f32 bits (the guest's f32_from)."""
    return struct.unpack("<f", struct.pack("<I", bits))[0]


def V(case, payload=None):
    return Variant(case, payload)


def some(value):
    return Variant("some", value)


NONE = Variant("none")


def ok(value=None):
    return Variant("ok", value)


def err(value=None):
    return Variant("err", value)


def record(**fields):
    """A record as the host compares it: a dict with the WIT (kebab-case) field names."""
    return {name.replace("_", "-"): value for name, value in fields.items()}


def point(x, y):
    return record(x=x, y=y)


def person(name, age, nick, tags, home, score):
    return record(name=name, age=age, nick=nick, tags=tags, home=home, score=score)


LONG = "".join(chr(ord("a") + i % 26) for i in range(300))
I32_MIN, I32_MAX = -(1 << 31), (1 << 31) - 1
I64_MIN, I64_MAX = -(1 << 63), (1 << 63) - 1
U64_MAX = (1 << 64) - 1

P1 = person("Ada", 36, some("countess"), ["math", "engines"], point(-1, 2), 99.5)
P2 = person("", 255, NONE, [], point(I32_MIN, I32_MAX), -0.0)
P3 = person("Grace Hopper", 85, some("amazing grace"), ["cobol", "navy", ""], point(1906, 1992), 1.0e-3)

S_A_ARGS = (True, -128, 255, -32768, 65535, I32_MIN, 0xFFFFFFFF, I64_MIN, U64_MAX, F32(0xC0490FDB), -0.0, "\U0001F9EA")
S_R_ARGS = (False, 127, 0x80, 32767, 0x8001, I32_MAX, 0x80000000, I64_MAX, 0x8000000000000001, F32(0x7F7FFFFF),
            5e-324, "\uD7FF")
SCALAR_FIELDS = ("flag", "a", "b", "c", "d", "e", "f", "g", "h", "x", "y", "ch")
S_A = dict(zip(SCALAR_FIELDS, S_A_ARGS))
S_R = dict(zip(SCALAR_FIELDS, S_R_ARGS))


def big(label, numbers, sc, people, m, opt, res, fl, pair, colors):
    return record(label=label, numbers=numbers, sc=sc, people=people, m=m, opt=opt, res=res, fl=fl, pair=pair,
                  colors=colors)


B1 = big("big one", [I64_MIN, -1, 0, I64_MAX], S_R, [P3, P1], V("w", -5), some(NONE), err([0xCAFEBABE]),
         {"c3", "c17"}, (0.75, "pair"), ["red", "magenta", "red"])
B2 = big("", [], S_A, [], V("nothing"), NONE, ok(NONE), set(), (-0.0, ""), [])

REC1 = record(id=U64_MAX, name="rec one", bits={"h"}, at=point(5, -6))
REC2 = record(id=0, name="", bits=set(), at=point(0, 0))
REC3 = record(id=0x0123456789ABCDEF, name="rec three", bits=set("abcdefgh"), at=point(I32_MIN, -1))

F16_ALL = {f"b{i}" for i in range(16)}
F32_ALL = {f"c{i}" for i in range(32)}


def bits(prefix, value):
    """A flags value (set of names) from its bits."""
    return {f"{prefix}{i}" for i in range(32) if value >> i & 1}


def pattern(seed, n):
    """Byte i is (i * 7 + seed) & 0xff (the guest's loops)."""
    return bytes((i * 7 + seed) & 0xFF for i in range(n))


# --- resources -------------------------------------------------------------------------------

COUNTER_TYPE = 1  # the host resource type of the imported `counter`
C1, C2, C3 = 0xC0000001, 0xC0000002, 0xC0000003
Handle = namedtuple("Handle", "rep owned")


def own(rep):
    return Handle(rep, True)


def borrow(rep):
    return Handle(rep, False)


# --- imports: (instance, function) -> [(arguments the host must receive, what it returns), ...] --

ECHO = "test:types/echo"
ROOT = "$root"

EXPECT = {
    (ECHO, "[constructor]counter"): [((-5000000000, "alpha"), own(C1)), ((42, ""), own(C2))],
    (ECHO, "[method]counter.add"): [((borrow(C1), -7), -5000000007)],
    (ECHO, "[method]counter.describe"): [((borrow(C1),), (-5000000007, "alpha:β"))],
    (ECHO, "[static]counter.merge"): [((borrow(C1), own(C2)), own(C3))],
    (ECHO, "consume"): [((own(C3),), 0x123456789)],
    (ECHO, "flip"): [((True,), False), ((False,), True)],
    (ECHO, "neg-s8"): [((-100,), -128), ((127,), -1)],
    (ECHO, "neg-s16"): [((-32768,), -12345)],
    (ECHO, "neg-s64"): [((I64_MIN,), -2)],
    (ECHO, "high-u16"): [((0xFFFF,), 0xFEDC)],
    (ECHO, "halve-f32"): [((-3.5,), F32(0x38000000)), ((-0.0,), INF)],
    (ECHO, "halve-f64"): [((1e300,), -2.5e-300)],
    (ECHO, "next-char"): [(("\u03A9",), "\U0001F600"), (("\U0010FFFF",), "A")],
    (ECHO, "scalar-record"): [(S_A_ARGS, S_R)],
    (ECHO, "flags8"): [(({"a", "h"},), {"b", "c", "g"})],
    (ECHO, "flags16"): [(({"b0", "b15"},), {"b7", "b8", "b14"})],
    (ECHO, "flags32"): [(({"c0", "c31"},), {"c1", "c16", "c30", "c31"})],
    (ECHO, "all-flags"): [((set(), F16_ALL, {"c31"}), (set("abcdefgh"), set(), F32_ALL))],
    (ECHO, "paint"): [(("magenta",), "cyan")],
    (ECHO, "nums"): [
        ((V("f", -2.5), V("big", 0xFEDCBA9876543210)), V("big", 0x8000000000000001)),
        ((V("big", 1), V("f", 1.5)), V("f", -7.25)),
    ],
    (ECHO, "smalls"): [
        ((V("f", 0.15625), V("i", 0xFFFFFFFF)), V("f", F32(0xBA83126F))),
        ((V("i", 0x7F800000), V("f", -0.0)), V("i", 0x80000000)),
    ],
    (ECHO, "mixeds"): [
        ((V("d", -1.0e300), V("s", "héllo"), V("n", -128)), V("p", point(-1, I32_MAX))),
        ((V("h", 3.75), V("c", "\U0001F389"), V("w", I64_MIN)), V("s", "wörld ✓")),
        ((V("i", 0xDEADBEEF), V("nothing"), V("p", point(-7, 8))), V("d", 6.02214076e23)),
        ((V("c", "\U0010FFFF"), V("n", -1), V("h", -0.0)), V("h", -INF)),
        ((V("w", 1), V("s", ""), V("i", 0)), V("nothing")),
    ],
    (ECHO, "bares"): [((V("second"),), V("third")), ((V("third"),), V("first"))],
    (ECHO, "strings"): [((["", "a", "ünïcödé", LONG],), ["x", "", "🎉🎉"]), (([],), [])],
    (ECHO, "people"): [(([P1, P2],), [P3]), (([P3],), [])],
    (ECHO, "nested-option"): [
        ((some(some(0xAB)),), some(NONE)),
        ((some(NONE),), NONE),
        ((NONE,), some(some(0))),
    ],
    (ECHO, "nested-result"): [
        ((ok(some("ok-str")),), err([1, 0xFFFFFFFF, 7])),
        ((ok(NONE),), ok(some("ü"))),
        ((err([]),), ok(NONE)),
        ((err([5, 6]),), err([])),
    ],
    (ECHO, "tuples"): [(((0xFE, "tuple ✓", -1.25), ("€", (-32768, True))), (F32(1), U64_MAX, ""))],
    (ECHO, "unit-result"): [((ok(), False), err()), ((err(), True), ok())],
    (ECHO, "options"): [
        ((some(0), some(""), some(-0.5)), some(-1e-310)),
        ((NONE, NONE, NONE), NONE),
        ((some(0xFFFFFFFF), NONE, some(INF)), some(0.0)),
    ],
    (ECHO, "many"): [
        ((0xFE, -2, "many ✓", -6.5, 1e-300, 0xF0E1D2C3B4A59687, pattern(0x11, 70), some(0x13579BDF), True,
          "\U0001D11E", point(-3, 4), V("big", 7), bits("b", 0x8421), I64_MIN + 1, "blue", V("s", "tail")), B1),
        ((0, 32767, "", INF, -0.0, 0, b"", NONE, False, "\x00", point(0, 0), V("f", -0.0), set(), I64_MAX, "red",
          V("nothing")), B2),
    ],
    (ECHO, "make-big"): [((7,), B2), ((0xFFFFFFFF,), B1)],
    (ROOT, "root-echo"): [(("root ✓", -42, {"c", "d"}), ("echoed", I64_MAX, {"a"}))],
    (ROOT, "root-record"): [((REC1, some(REC2)), REC3), ((REC2, NONE), REC1)],
    (ROOT, "root-sum"): [((V("f", -1.0),), U64_MAX), ((V("big", 1 << 63),), 0)],
}

IMPORT_CALLS = sum(len(calls) for calls in EXPECT.values())

# The imported counters the guest drops (c2 and c3 went to the host with merge and consume).
EXPECTED_DROPS = [C1]

# --- exports: (instance or None, function, arguments, the result the host must receive) -----------
# Guest("C") is the guest resource stored under that name; Keep("C") stores a returned one.

Guest = namedtuple("Guest", "name")
Keep = namedtuple("Keep", "name")

EXPORT_CALLS = [
    (ECHO, "[constructor]counter", (123456789012, "gamma"), Keep("C")),
    (ECHO, "[method]counter.add", (Guest("C"), 1000), 123456790012),
    (ECHO, "[method]counter.describe", (Guest("C"),), (123456790012, "gamma")),
    (ECHO, "[constructor]counter", (-1, "delta"), Keep("D")),
    (ECHO, "[static]counter.merge", (Guest("C"), Guest("D")), Keep("M")),
    (ECHO, "[method]counter.describe", (Guest("M"),), (123456790011, "gamma+delta")),
    (ECHO, "consume", (Guest("M"),), 123456790011),
    (ECHO, "flip", (False,), True),
    (ECHO, "neg-s8", (-1,), -100),
    (ECHO, "neg-s16", (-12345,), -32768),
    (ECHO, "neg-s64", (-2,), I64_MIN),
    (ECHO, "high-u16", (0xFEDC,), 0xFFFF),
    (ECHO, "halve-f32", (F32(0x38000000),), -3.5),
    (ECHO, "halve-f32", (INF,), -0.0),
    (ECHO, "halve-f64", (-2.5e-300,), 1e300),
    (ECHO, "next-char", ("\U0001F600",), "\u03A9"),
    (ECHO, "scalar-record", S_R_ARGS, S_A),
    (ECHO, "flags8", ({"b", "c", "g"},), {"a", "h"}),
    (ECHO, "flags16", ({"b7", "b8", "b14"},), {"b0", "b15"}),
    (ECHO, "flags32", ({"c1", "c16", "c30", "c31"},), {"c0", "c31"}),
    (ECHO, "all-flags", (set("abcdefgh"), set(), F32_ALL), (set(), F16_ALL, {"c31"})),
    (ECHO, "paint", ("cyan",), "magenta"),
    (ECHO, "nums", (V("big", 0x8000000000000001), V("f", -7.25)), V("f", -2.5)),
    (ECHO, "smalls", (V("i", 0x80000000), V("f", F32(0xBA83126F))), V("i", 0xFFFFFFFF)),
    (ECHO, "mixeds", (V("p", point(-1, I32_MAX)), V("s", "wörld ✓"), V("d", 6.02214076e23)), V("n", -128)),
    (ECHO, "mixeds", (V("nothing"), V("h", -0.5), V("c", "\U0001F389")), V("s", "héllo")),
    (ECHO, "mixeds", (V("w", I64_MIN), V("i", 0xDEADBEEF), V("n", -1)), V("p", point(-7, 8))),
    (ECHO, "bares", (V("third"),), V("first")),
    (ECHO, "strings", (["x", "", "🎉🎉"],), ["", "a", "ünïcödé", LONG]),
    (ECHO, "strings", ([],), []),
    (ECHO, "people", ([P3],), [P1, P2]),
    (ECHO, "nested-option", (some(NONE),), some(some(0xAB))),
    (ECHO, "nested-option", (NONE,), NONE),
    (ECHO, "nested-option", (some(some(0)),), some(NONE)),
    (ECHO, "nested-result", (err([1, 0xFFFFFFFF, 7]),), ok(some("ok-str"))),
    (ECHO, "nested-result", (ok(some("ü")),), err([])),
    (ECHO, "nested-result", (ok(NONE),), err([5, 6])),
    (ECHO, "tuples", ((1, "", 1e-300), ("\x00", (32767, False))), (-0.0, 0, "tuple ret")),
    (ECHO, "unit-result", (err(), False), ok()),
    (ECHO, "unit-result", (ok(), True), err()),
    (ECHO, "options", (NONE, some("opt"), NONE), some(2.5)),
    (ECHO, "options", (some(7), NONE, some(1.5)), NONE),
    (ECHO, "many", (0x7F, -32768, "export many", 1.25, -1e10, 1, pattern(0x33, 5), NONE, False, "\u00DF",
                    point(I32_MAX, I32_MIN), V("f", 0.5), bits("b", 0x1234), -1, "green", V("h", -9.75)), B1),
    (ECHO, "make-big", (0xFFFFFFFF,), B2),
    (None, "root-mixed", (["r1", "r2 ✓"], some(some(9)), V("c", "\U0010FFFF"), REC3), ok(("mixed ok", -0.125))),
    (None, "root-mixed", ([], NONE, V("nothing"), REC2), err("blue")),
    (None, "root-many", (REC1, REC3, V("big", 42), bits("b", 0x00FF), "cyan", [point(1, 2), point(-3, -4)], -0.0,
                         True), B1),
    (None, "root-flags", ({"a", "h"}, {"b1", "b2"}), {"b15"}),
]

# --- comparing -------------------------------------------------------------------------------

mismatches = []
calls_checked = 0
values_checked = 0
drops = []


def received(store, value):
    """What the host received, in EXPECT's terms (records as dicts, host handles as Handle)."""
    if isinstance(value, ResourceAny):
        host = value.to_host(store)
        if host.type != COUNTER_TYPE:
            return f"handle of resource type {host.type}"
        return Handle(host.rep, value.owned)
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
    """Compares value by value (floats bit for bit); counts the leaves, records each difference."""
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
        if isinstance(want, float) and isinstance(got, float):
            same = struct.pack("<d", got) == struct.pack("<d", want)
        else:
            same = type(got) is type(want) and got == want
        if not same:
            mismatches.append(f"{where}: got {show(got)}, want {show(want)}")


def show(value):
    if isinstance(value, bool):
        return repr(value)
    if isinstance(value, int):
        return hex(value)
    if isinstance(value, float):
        return f"{value!r} ({struct.pack('<d', value).hex()})"
    if isinstance(value, (bytes, str)) and len(value) > 24:
        return f"{len(value)}-long {value[:16]!r}..."
    if isinstance(value, Variant):
        return f"{value.tag}({show(value.payload)})"
    return repr(value)


def lowered(value, guests=None):
    """The Python value wasmtime-py lowers for a value of EXPECT or EXPORT_CALLS."""
    if isinstance(value, Handle):
        return ResourceHost.own(value.rep, COUNTER_TYPE)
    if isinstance(value, Guest):
        return guests[value.name]
    if isinstance(value, dict):
        r = Record()
        for name, field in value.items():
            setattr(r, name, lowered(field, guests))
        return r
    if isinstance(value, Variant):
        return Variant(value.tag, lowered(value.payload, guests))
    if isinstance(value, tuple):
        return tuple(lowered(v, guests) for v in value)
    if isinstance(value, list):
        return [lowered(v, guests) for v in value]
    if isinstance(value, set):
        return set(value)
    return value


# --- the fake imports ------------------------------------------------------------------------


def fake(instance, function):
    queue = EXPECT[(instance, function)]
    count = [0]

    def call(store, *args):
        global calls_checked
        count[0] += 1
        where = f"import {function} call {count[0]}"
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


def destructor(store, rep):
    drops.append(rep)


def trap_reason(error):
    """The cause of a wasmtime error without its backtrace ("Caused by:" lines, else the first)."""
    lines = [line.strip() for line in str(error).splitlines() if line.strip()]
    if "Caused by:" in lines:
        return "; ".join(lines[lines.index("Caused by:") + 1:])
    return lines[0] if lines else type(error).__name__


# --- the exports -----------------------------------------------------------------------------


def call_exports(store, instance):
    """Calls EXPORT_CALLS in order; returns the number of results fully matched."""
    global calls_checked
    guests = {}
    echo = instance.get_export_index(store, ECHO)
    counts = {}
    for interface, function, args, want in EXPORT_CALLS:
        counts[function] = counts.get(function, 0) + 1
        where = f"export {function} call {counts[function]}"
        index = instance.get_export_index(store, function, echo) if interface else None
        func = instance.get_func(store, index if interface else function)
        if func is None:
            mismatches.append(f"{where}: no such export")
            continue
        try:
            got = func(store, *(lowered(a, guests) for a in args))
            func.post_return(store)
        except Exception as error:  # a trap
            mismatches.append(f"{where} trapped: {trap_reason(error)}")
            return
        before = len(mismatches)
        if isinstance(want, Keep):
            if isinstance(got, ResourceAny) and got.owned:
                guests[want.name] = got
            else:
                mismatches.append(f"{where}: got {got!r}, want an owned counter")
        else:
            compare(where, received(store, got), want)
        if len(mismatches) == before:
            calls_checked += 1
    # The counter "gamma" ("delta" went back with merge, the merged one with consume).
    try:
        guests["C"].drop(store)
    except Exception as error:
        mismatches.append(f"dropping the guest's counters trapped: {trap_reason(error)}")


def call_string(store, instance, name):
    func = instance.get_func(store, name)
    try:
        value = func(store)
        func.post_return(store)
        return value
    except Exception as error:  # a trap, or a host function that raised
        mismatches.append(f"{name} trapped: {trap_reason(error)}")
        return None


def main():
    engine = Engine()
    store = Store(engine)
    linker = Linker(engine)
    with linker.root() as root:
        with root.add_instance("test:types/types"):
            pass  # types only
        with root.add_instance(ECHO) as echo:
            echo.add_resource("counter", ResourceType.host(COUNTER_TYPE), destructor)
            for (instance, function) in EXPECT:
                if instance == ECHO:
                    echo.add_func(function, fake(instance, function))
        for (instance, function) in EXPECT:
            if instance == ROOT:
                root.add_func(function, fake(instance, function))
    component = Component.from_file(engine, sys.argv[1])
    instance = linker.instantiate(store, component)

    run_report = call_string(store, instance, "run")
    missing = [(function, len(queue)) for (_, function), queue in EXPECT.items() if queue]
    if missing:
        mismatches.append(f"{sum(n for _, n in missing)} expected import calls not made, of "
                          + ", ".join(f"{function} ({n})" for function, n in missing[:4])
                          + (", ..." if len(missing) > 4 else ""))
    if drops != EXPECTED_DROPS:
        mismatches.append(f"drops: got {[hex(r) for r in drops]}, want {[hex(r) for r in EXPECTED_DROPS]}")
    if run_report is not None and not (isinstance(run_report, str) and run_report.startswith("ok ")):
        mismatches.append(f"guest (imports): {run_report}")

    call_exports(store, instance)
    export_report = call_string(store, instance, "report")
    if export_report is not None and not (isinstance(export_report, str) and export_report.startswith("ok ")):
        mismatches.append(f"guest (exports): {export_report}")

    if mismatches:
        print(f"runtime ABI (all types): FAIL, {len(mismatches)} mismatches ({calls_checked} calls fully matched;"
              f" guest: {run_report!r}, {export_report!r}):")
        for m in mismatches[:40]:
            print("  " + m)
        return 1
    print(f"runtime ABI (all types): {calls_checked} calls checked, ok ({IMPORT_CALLS} import calls and"
          f" {len(EXPORT_CALLS)} export calls, {values_checked} values checked by the host, {len(drops)} host"
          f" resource drops; guest: imports {run_report}, exports {export_report})")
    return 0


# --- world `fixed`: fixed-size lists, run as a core module ----------------------------------------
# wasmtime-py 50 cannot enable fixed-size lists in components, so this part implements the canonical
# ABI of `fixed-lists` itself (CanonicalABI.md: flatten_type and store of a fixed-length list): a
# list<T, N> flattens to N times T's flat values and lies in memory as N Ts; a result of more than
# one flat value goes to a return area whose address the import takes last and the export returns.

def s16(i32):
    return ((i32 & 0xFFFF) ^ 0x8000) - 0x8000


def main_fixed(path):
    from wasmtime import FuncType, Linker as CoreLinker, Module, ValType

    engine = Engine()
    store = Store(engine)
    linker = CoreLinker(engine)
    checked = []
    problems = []

    def expect(where, got, want):
        checked.append(where)
        if got != want:
            problems.append(f"{where}: got {got!r}, want {want!r}")

    def triple(caller, a, b, c, ret):
        expect("import triple arguments", [a & 0xFF, b & 0xFF, c & 0xFF], [1, 0x80, 0xFF])
        caller["memory"].write(caller, bytes([9, 8, 7]), ret)

    def grid(caller, r0, r1, r2, r3, r4, r5, t0, t1, ret):
        expect("import grid rows", [s16(r) for r in (r0, r1, r2, r3, r4, r5)], [-1, 2, 32767, -32768, 0, 5])
        expect("import grid tag", [struct.pack("<f", t).hex() for t in (t0, t1)],
               [struct.pack("<f", t).hex() for t in (1.5, -0.0)])
        caller["memory"].write(caller, struct.pack("<6h", 3, -3, 4, -4, 5, -5), ret)

    i32, f32 = ValType.i32(), ValType.f32()
    linker.define_func("test:types/fixed-lists", "triple", FuncType([i32] * 4, []), triple, access_caller=True)
    linker.define_func("test:types/fixed-lists", "grid", FuncType([i32] * 6 + [f32, f32, i32], []), grid,
                       access_caller=True)
    instance = linker.instantiate(store, Module.from_file(engine, path))
    exports = instance.exports(store)
    memory = exports["memory"]

    area = exports["run"](store)
    pointer, length = struct.unpack("<II", memory.read(store, area, area + 8))
    report = memory.read(store, pointer, pointer + length).decode()
    exports["cabi_post_run"](store, area)
    if not report.startswith("ok "):
        problems.append(f"guest: {report}")

    area = exports["test:types/fixed-lists#triple"](store, 0xAA, 0, 1)
    expect("export triple result", list(memory.read(store, area, area + 3)), [2, 3, 4])
    area = exports["test:types/fixed-lists#grid"](store, 7, -7, -32768, 32767, 1, 0, -2.25, math.inf)
    expect("export grid result", list(struct.unpack("<6h", memory.read(store, area, area + 12))),
           [-1, -2, -3, -4, -5, -6])

    if problems:
        print(f"runtime ABI (fixed-size lists): FAIL, {len(problems)} mismatches:")
        for problem in problems:
            print("  " + problem)
        return 1
    print(f"runtime ABI (fixed-size lists, core module): {len(checked)} values checked, ok (guest: {report})")
    return 0


if __name__ == "__main__":
    if sys.argv[1] == "--fixed":
        sys.exit(main_fixed(sys.argv[2]))
    sys.exit(main())
