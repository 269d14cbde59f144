#!/usr/bin/env python3
"""Writes a deterministic synthetic WIT package of N interfaces, for benchmarks.

usage: generate_wit.py N OUTDIR [--seed S] [--single-file]

Each interface has doc comments, records, variants, enums, flags, aliases, a
resource with a constructor, methods and a static function, documented free
functions using list/option/result/tuple/borrow, and `use`s of types from
earlier interfaces. A few worlds import and export interfaces. The same N and
seed always give the same bytes.
"""
import os
import random
import sys

PER_FILE = 50


def interface(rng, i):
    out = [f"/// Interface number {i}: a synthetic API with records, resources and functions.",
           f"/// It exists to measure WIT front ends on realistic shapes.",
           f"interface iface-{i} {{"]
    if i > 0:
        j = rng.randrange(max(0, i - 20), i)
        out.append(f"    use iface-{j}.{{rec-0 as rec-from-{j}, res-0 as res-from-{j}, kind-0 as kind-from-{j}}};")
    for r in range(rng.randint(2, 4)):
        out.append(f"    /// Record {r} of interface {i}.")
        out.append(f"    record rec-{r} {{")
        for f in range(rng.randint(3, 8)):
            ty = rng.choice(["u32", "string", "list<u8>", "option<s64>", "bool", "f64", "list<string>", "tuple<u16, u16>"])
            out.append(f"        /// Field {f}.")
            out.append(f"        field-{f}: {ty},")
        out.append("    }")
    out.append("    /// A variant with and without payloads.")
    out.append("    variant kind-0 { empty, number(u64), text(string), nested(rec-0) }")
    out.append("    /// An enum.")
    out.append("    enum mode-0 { " + ", ".join(f"mode-{m}" for m in range(rng.randint(2, 6))) + " }")
    out.append("    /// Flags.")
    out.append("    flags perm-0 { " + ", ".join(f"perm-{p}" for p in range(rng.randint(2, 8))) + " }")
    out.append("    /// An alias.")
    out.append("    type alias-0 = list<rec-1>;")
    out.append("    /// A resource.")
    out.append("    resource res-0 {")
    out.append("        /// Creates one.")
    out.append("        constructor(seed: u64);")
    for m in range(rng.randint(2, 5)):
        out.append(f"        /// Method {m}.")
        out.append(f"        method-{m}: func(a: u32, b: option<string>) -> result<rec-0, kind-0>;")
    out.append("        /// A static function.")
    out.append("        make: static func(name: string) -> res-0;")
    out.append("    }")
    for f in range(rng.randint(3, 8)):
        args = ", ".join(f"arg-{a}: {rng.choice(['u8', 'string', 'rec-0', 'list<rec-1>', 'borrow<res-0>', 'option<mode-0>', 'perm-0'])}"
                         for a in range(rng.randint(0, 4)))
        result = rng.choice(["", " -> u32", " -> result<rec-0, kind-0>", " -> tuple<u8, string>", " -> list<alias-0>"])
        out.append(f"    /// Function {f} of interface {i}: does something useful with its arguments.")
        out.append(f"    do-thing-{f}: func({args}){result};")
    if i > 0:
        out.append(f"    /// Uses imported types.")
        out.append(f"    bridge: func(x: rec-from-{j}, y: borrow<res-from-{j}>) -> kind-from-{j};")
    out.append("}")
    return "\n".join(out) + "\n"


def main(argv):
    args = [a for a in argv if not a.startswith("--")]
    if len(args) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    n, outdir = int(args[0]), args[1]
    seed = 1
    if "--seed" in argv:
        seed = int(argv[argv.index("--seed") + 1])
        args = [a for a in args if a != str(seed)]
    rng = random.Random(seed)
    os.makedirs(outdir, exist_ok=True)
    for name in os.listdir(outdir):
        if name.endswith(".wit"):
            os.remove(os.path.join(outdir, name))
    chunks = [interface(rng, i) for i in range(n)]
    worlds = []
    for w in range(max(1, n // 100)):
        picks = sorted(rng.sample(range(n), min(n, 5)))
        body = "".join(f"    import iface-{p};\n" for p in picks) + "    export run: func(args: list<string>) -> result<_, string>;\n"
        worlds.append(f"/// World {w}.\nworld world-{w} {{\n{body}}}\n")
    header = "package bench:synthetic@1.0.0;\n\n"
    if "--single-file" in argv:
        with open(os.path.join(outdir, "package.wit"), "w") as f:
            f.write(header + "\n".join(chunks) + "\n" + "\n".join(worlds))
    else:
        for k in range(0, n, PER_FILE):
            with open(os.path.join(outdir, f"part-{k // PER_FILE:04d}.wit"), "w") as f:
                f.write(header + "\n".join(chunks[k:k + PER_FILE]))
        with open(os.path.join(outdir, "worlds.wit"), "w") as f:
            f.write(header + "\n".join(worlds))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
