#!/usr/bin/env python3
"""Differential testing of witgen against the reference (wasm-tools).

usage: differential.py [--count N] [--first-seed S] [--witgen PATH] [--save DIR]

Generates N random but mostly valid WIT packages from consecutive seeds
(grammar-based: packages, interfaces, uses, every type form, resources,
functions, worlds with imports/exports/includes, gates, docs, and a small
share of deliberate mistakes), runs `witgen json --all-features` and
`wasm-tools component wit --json --all-features` on each, and compares
accept/reject and, when both accept, the JSON. Every disagreement is saved to
DIR (default Tests/Fixtures/differential) as SEED.wit for a regression test.
Prints "N passed, M failed" (failed = disagreements).
"""
import argparse
import json
import os
import random
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
PRIMITIVES = ["u8", "u16", "u32", "u64", "s8", "s16", "s32", "s64", "f32", "f64", "bool", "char", "string"]


class Generator:
    def __init__(self, seed):
        self.rng = random.Random(seed)
        self.version = f"{self.rng.randint(0, 2)}.{self.rng.randint(0, 3)}.{self.rng.randint(0, 3)}"

    def name(self, prefix):
        return f"{prefix}-{self.rng.randint(0, 6)}"

    def gate(self):
        r = self.rng.random()
        if r < 0.15:
            return f"@since(version = 0.{self.rng.randint(0, 1)}.0)\n"
        if r < 0.22:
            return f"@unstable(feature = feat-{self.rng.randint(0, 2)})\n"
        if r < 0.25:
            return "@since(version = 0.1.0)\n@deprecated(version = 0.1.0)\n"
        return ""

    def docs(self, indent):
        if self.rng.random() < 0.3:
            return f"{indent}/// Doc {self.rng.randint(0, 99)}.\n"
        if self.rng.random() < 0.05:
            return f"{indent}/** block\n{indent} * doc */\n"
        return ""

    def type(self, names, depth=0):
        r = self.rng.random()
        if depth > 2 or r < 0.35:
            return self.rng.choice(PRIMITIVES + names) if names else self.rng.choice(PRIMITIVES)
        kind = self.rng.choice(["list", "option", "result", "tuple", "fixed", "map", "future", "stream"])
        inner = lambda: self.type(names, depth + 1)
        if kind == "list":
            return f"list<{inner()}>"
        if kind == "fixed":
            return f"list<{inner()}, {self.rng.randint(1, 4)}>"
        if kind == "option":
            return f"option<{inner()}>"
        if kind == "map":
            return f"map<{self.rng.choice(['string', 'u32', 'char'])}, {inner()}>"
        if kind == "future":
            return self.rng.choice(["future", f"future<{inner()}>"])
        if kind == "stream":
            return self.rng.choice(["stream", f"stream<{inner()}>"])
        if kind == "tuple":
            return "tuple<" + ", ".join(inner() for _ in range(self.rng.randint(1, 3))) + ">"
        return self.rng.choice(["result", f"result<{inner()}>", f"result<_, {inner()}>", f"result<{inner()}, {inner()}>"])

    def interface_body(self, available_uses, indent="    "):
        lines, names, resources = [], [], []
        for source, items in available_uses:
            if items and self.rng.random() < 0.5:
                picked = self.rng.sample(items, self.rng.randint(1, len(items)))
                lines.append(f"{indent}use {source}.{{{', '.join(picked)}}};")
                names += picked
        defined = set(names)
        for _ in range(self.rng.randint(0, 6)):
            n = self.name(self.rng.choice(["t", "r", "v", "e", "f", "res"]))
            if n in defined:
                continue
            defined.add(n)
            lines.append(self.docs(indent) + indent + self.gate().replace("\n", "\n" + indent).rstrip(" "))
            kind = n.split("-")[0]
            if kind == "t":
                lines.append(f"{indent}type {n} = {self.type(names)};")
            elif kind == "r":
                fields = ", ".join(f"x{i}: {self.type(names)}" for i in range(self.rng.randint(1, 3)))
                lines.append(f"{indent}record {n} {{ {fields} }}")
            elif kind == "v":
                cases = ", ".join(self.rng.choice([f"c{i}", f"c{i}({self.type(names)})"]) for i in range(self.rng.randint(1, 3)))
                lines.append(f"{indent}variant {n} {{ {cases} }}")
            elif kind == "e":
                lines.append(f"{indent}enum {n} {{ " + ", ".join(f"c{i}" for i in range(self.rng.randint(1, 3))) + " }")
            elif kind == "f":
                lines.append(f"{indent}flags {n} {{ " + ", ".join(f"b{i}" for i in range(self.rng.randint(0, 3))) + " }")
            else:
                members = []
                if self.rng.random() < 0.5:
                    members.append(f"constructor(a: {self.type(names)});")
                for m in range(self.rng.randint(0, 3)):
                    kind_word = self.rng.choice(["func", "async func", "static func"])
                    result = self.rng.choice(["", f" -> {self.type(names)}"])
                    members.append(f"m{m}: {kind_word}(x: borrow<{n}>){result};")
                body = " ".join(members)
                lines.append(f"{indent}resource {n} {{ {body} }}" if members or self.rng.random() < 0.5 else f"{indent}resource {n};")
                resources.append(n)
            names.append(n)
        for i in range(self.rng.randint(0, 4)):
            params = ", ".join(f"p{j}: {self.type(names)}" for j in range(self.rng.randint(0, 3)))
            result = self.rng.choice(["", f" -> {self.type(names)}"])
            lines.append(self.docs(indent) + f"{indent}{self.rng.choice(['func', 'async func'])}-{i}: " if False else
                         self.docs(indent) + f"{indent}fn{i}: {self.rng.choice(['func', 'async func'])}({params}){result};")
        return lines, [n for n in names if n not in [u for _, items in available_uses for u in items]]

    def package(self):
        out = [self.docs("") + f"package gen:pkg@{self.version};", ""]
        interfaces = []
        for i in range(self.rng.randint(1, 4)):
            name = f"iface{i}"
            lines, exported = self.interface_body(interfaces[-2:])
            out.append(self.docs("") + self.gate() + f"interface {name} {{")
            out += [l for l in lines if l.strip()]
            out.append("}")
            interfaces.append((name, exported))
        worlds = []
        for w in range(self.rng.randint(0, 3)):
            body = []
            for name, _ in self.rng.sample(interfaces, self.rng.randint(0, len(interfaces))):
                body.append(f"    {self.rng.choice(['import', 'export'])} {name};")
            if self.rng.random() < 0.5:
                body.append(f"    import imp{w}: func(a: {self.type([])});")
            if self.rng.random() < 0.3:
                body.append(f"    export run{w}: func() -> result<_, string>;")
            if worlds and self.rng.random() < 0.4:
                body.append(f"    include {self.rng.choice(worlds)};")
            out.append(self.gate() + f"world world{w} {{")
            out += body
            out.append("}")
            worlds.append(f"world{w}")
        text = "\n".join(out) + "\n"
        if self.rng.random() < 0.05:
            pos = self.rng.randrange(len(text))
            text = text[:pos] + self.rng.choice(["", ";", "}", "x", "<"]) + text[pos + 1:]
        return text


def run(command):
    proc = subprocess.run(command, capture_output=True, text=True, timeout=30)
    return proc.returncode, proc.stdout


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=5000)
    parser.add_argument("--first-seed", type=int, default=1)
    parser.add_argument("--witgen", default=os.path.join(ROOT, ".build/debug/witgen"))
    parser.add_argument("--save", default=os.path.join(ROOT, "Tests/Fixtures/differential"))
    args = parser.parse_args()
    reference = subprocess.check_output([os.path.join(ROOT, ".ci/install-tools")], text=True).strip()
    passed = failed = accepted = 0
    with tempfile.TemporaryDirectory() as work:
        path = os.path.join(work, "case.wit")
        for seed in range(args.first_seed, args.first_seed + args.count):
            text = Generator(seed).package()
            with open(path, "w") as f:
                f.write(text)
            ours_code, ours = run([args.witgen, "json", "--all-features", path])
            ref_code, ref = run([reference, "component", "wit", "--json", "--all-features", path])
            same = (ours_code == 0) == (ref_code == 0)
            if same and ours_code == 0:
                accepted += 1
                same = json.loads(ours) == json.loads(ref)
            if same:
                passed += 1
            else:
                failed += 1
                os.makedirs(args.save, exist_ok=True)
                with open(os.path.join(args.save, f"seed-{seed}.wit"), "w") as f:
                    f.write(text)
                print(f"DISAGREE seed {seed}: witgen exit {ours_code}, reference exit {ref_code}")
    print(f"seeds {args.first_seed}..{args.first_seed + args.count - 1}: {accepted} accepted by both")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
