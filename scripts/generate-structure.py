#!/usr/bin/env python3
"""Generates talint's Talos structure model from Talos's Go config types.

Usage: scripts/generate-structure.py TALOS_GIT_DIR

Reads `pkg/machinery/config/types/**` at each release talint knows (see RELEASES) from a clone of
siderolabs/talos, and writes:

- Sources/TalintCore/Structure/StructureData.swift: every struct type's YAML fields with their
  shape, enum values, description and deprecation, and the document kinds, each field and kind
  marked with the releases that have it (one bit per release);
- Tests/Conformance/talos/<release>/: Talos's own stability testdata configs of each release,
  which the conformance tests lint (they must give no structure finding).

The Go sources are read with regular expressions, not a Go parser: Talos writes its config types
in one regular style (one field per line, `yaml:` tags, docgen comment blocks), and a field this
script cannot read is reported on standard error rather than guessed.
"""

import os
import re
import shutil
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TYPES = "pkg/machinery/config/types"

# The releases talint knows (Sources/TalintCore/Talos/TalosVersion.swift), each read at its newest
# patch tag, the release branch, or main for the one in development.
RELEASES = [
    ("1.8", "v1.8.*"), ("1.9", "v1.9.*"), ("1.10", "v1.10.*"), ("1.11", "v1.11.*"),
    ("1.12", "v1.12.*"), ("1.13", "v1.13.*"), ("1.14", "release-1.14"), ("1.15", "main"),
]

# Go types from outside the config types packages, by how YAML reads them. Anything else from
# outside is free-form: its own unmarshaling is not modelled, so nothing in it is judged.
EXTERNAL = {
    "time.Duration": "d",
    "netip.Prefix": "s", "netip.Addr": "s", "netip.AddrPort": "s",
    "string": "s", "bool": "b",
    "int": "i", "int8": "i", "int16": "i", "int32": "i", "int64": "i",
    "uint": "u", "uint8": "u", "uint16": "u", "uint32": "u", "uint64": "u", "uintptr": "u",
    "float32": "f", "float64": "f",
    "any": "*", "interface{}": "*",
}


# Values the decoder accepts beyond the documented enum: `init` and `join` are the old names of the
# machine types (still read, as a control plane and a worker).
EXTRA_VALUES = {("v1alpha1.MachineConfig", "type"): ["init", "join"]}


def git(repo, *args):
    return subprocess.run(["git", "-C", repo, *args], check=True, capture_output=True, text=True).stdout


def resolve_ref(repo, pattern):
    if "*" not in pattern:
        return pattern
    tags = [t for t in git(repo, "tag", "--list", pattern).split() if re.fullmatch(r"v\d+\.\d+\.\d+", t)]
    return max(tags, key=lambda t: tuple(int(p) for p in t[1:].split(".")))


def read_files(repo, ref, paths):
    """The text of each path at ref, read through one `git cat-file --batch`."""
    request = "".join(f"{ref}:{p}\n" for p in paths).encode()
    out = subprocess.run(["git", "-C", repo, "cat-file", "--batch"], input=request, check=True, capture_output=True).stdout
    files, pos = {}, 0
    for path in paths:
        header_end = out.index(b"\n", pos)
        size = int(out[pos:header_end].split()[2])
        files[path] = out[header_end + 1:header_end + 1 + size].decode()
        pos = header_end + 1 + size + 1
    return files


class Field:
    def __init__(self, name, gotype, comments, inline):
        self.name, self.gotype, self.inline = name, gotype, inline
        self.description, self.values, self.nodoc, self.deprecated = parse_comments(comments)


def parse_comments(lines):
    """A field's docgen block: description, `values:` enum, `docgen:nodoc`, `Deprecated:`."""
    text = [re.sub(r"^\s*//", "", line) for line in lines]
    nodoc = any("docgen:nodoc" in line for line in text)
    deprecated = None
    for index, line in enumerate(text):
        match = re.match(r"\s*Deprecated:\s*(.*)", line)
        if match:
            parts = [match.group(1).strip()]
            for more in text[index + 1:]:
                if not more.strip() or re.match(r"\s*\w+:", more) and not more.startswith("  "):
                    break
                parts.append(more.strip())
            deprecated = " ".join(p for p in parts if p)
            break
    description, values = "", []
    for index, line in enumerate(text):
        match = re.match(r"^(\s*)description:\s*(\|?)(.*)$", line)
        if match and not description:
            indent = len(match.group(1))
            body = [match.group(3).strip()] if match.group(3).strip() else []
            for more in text[index + 1:]:
                stripped = more.strip()
                if stripped and len(more) - len(more.lstrip()) <= indent:
                    break
                body.append(more[indent + 2:] if more.startswith(" " * (indent + 2)) else stripped)
            description = "\n".join(body).strip()
        match = re.match(r"^(\s*)values:\s*$", line)
        if match:
            indent = len(match.group(1))
            for more in text[index + 1:]:
                item = re.match(r"^\s*-\s*(.*)$", more)
                if not item or len(more) - len(more.lstrip()) < indent:
                    break
                value = item.group(1).strip()
                if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
                    value = value[1:-1]
                values.append(value)
    return description, values, nodoc, deprecated


class Package:
    def __init__(self, name):
        self.name = name
        self.structs = {}      # type name -> [Field]
        self.named = {}        # type name -> underlying Go type expression
        self.custom = set()    # types with their own UnmarshalYAML / UnmarshalText
        self.consts = {}       # constant name -> string value
        self.registered = []   # (kind expression, root type name)


FIELD = re.compile(r"^\s*(?:(\w+)\s+)?([^\s`]+(?:\s*\{\})?)\s*(?:`([^`]*)`)?\s*(?://.*)?$")


def parse_file(package, text, imports):
    for match in re.finditer(r'^import\s*\((.*?)^\)', text, re.S | re.M):
        for line in match.group(1).splitlines():
            m = re.match(r'\s*(\w+)?\s*"([^"]+)"', line)
            if m:
                path = m.group(2)
                alias = m.group(1) or path.rsplit("/", 1)[-1]
                imports[alias] = path
    for m in re.finditer(r'^\s*(?:const\s+)?(\w+)\s*(?:string\s*)?=\s*"([^"]*)"', text, re.M):
        package.consts[m.group(1)] = m.group(2)
    for m in re.finditer(r'^func \(\w+ \*?(\w+)\) Unmarshal(?:YAML|Text)\(', text, re.M):
        package.custom.add(m.group(1))
    for m in re.finditer(r'registry\.Register\(\s*([\w."]+)\s*,\s*func\(version string\) config\.Document \{(.*?)^\t\}\)', text, re.S | re.M):
        body = m.group(2)
        root = re.search(r'case "v1alpha1".*?return &(\w+)\{\}', body, re.S) or re.search(r'return &(\w+)\{\}', body)
        if root:
            package.registered.append((m.group(1), root.group(1)))
    lines = text.splitlines()
    index = 0
    while index < len(lines):
        line = lines[index]
        m = re.match(r'^type (\w+) struct \{\s*$', line)
        if m:
            fields, comments = [], []
            index += 1
            while not lines[index].startswith("}"):
                body = lines[index].strip()
                index += 1
                if body.startswith("//"):
                    comments.append(body)
                    continue
                if not body:
                    comments = []
                    continue
                fm = FIELD.match(body)
                if not fm:
                    print(f"warning: {package.name}.{m.group(1)}: cannot read field {body!r}", file=sys.stderr)
                    comments = []
                    continue
                fields.append((fm.group(1), fm.group(2), fm.group(3) or "", comments))
                comments = []
            package.structs[m.group(1)] = fields
        else:
            m = re.match(r'^type (\w+) =?\s*([^\s{].*?)\s*(?://.*)?$', line)
            if m and not m.group(2).startswith("interface") and not m.group(2).startswith("struct"):
                package.named[m.group(1)] = m.group(2)
        index += 1


class Model:
    """Types and shapes of one release."""

    def __init__(self, packages, imports_of):
        self.packages, self.imports_of = packages, imports_of
        self.types = {}  # qualified name -> [(yaml name, shape, Field)]

    def qualify(self, package, expr):
        """(package key, type name) for a Go type name as written in package, or None."""
        if "." in expr:
            alias, name = expr.split(".", 1)
            path = self.imports_of[package].get(alias, "")
            marker = "/" + TYPES + "/"
            if "siderolabs/talos" in path and marker in path:
                return path.split(marker, 1)[1], name
            return None
        if expr in self.packages[package].structs or expr in self.packages[package].named:
            return package, expr
        return None

    def shape(self, package, expr):
        expr = expr.strip()
        while expr.startswith("*"):
            expr = expr[1:]
        if expr.startswith("[]"):
            elem = expr[2:]
            return "*" if elem == "byte" else "L" + self.shape(package, elem)
        m = re.match(r"map\[([^\]]+)\](.*)", expr)
        if m:
            return "M" + self.shape(package, m.group(2))
        if expr in EXTERNAL:
            return EXTERNAL[expr]
        qualified = self.qualify(package, expr)
        if qualified is None:
            return EXTERNAL.get(expr, "*")
        pkg, name = qualified
        if pkg not in self.packages:
            return "*"
        definition = self.packages[pkg]
        if name in definition.custom:
            return "*"
        if name in definition.structs:
            if any(self.embeds_decoder(pkg, field) for field in definition.structs[name]):
                return "*"
            self.struct(pkg, name)
            return "S" + pkg + "." + name
        if name in definition.named:
            return self.shape(pkg, definition.named[name])
        return "*"

    def embeds_decoder(self, package, field):
        """True for an embedded field whose type decodes itself (`netip.Prefix` in
        `meta.Prefix`): its UnmarshalText is promoted, and YAML reads the struct as a scalar."""
        go_name, gotype, _, _ = field
        if go_name is not None:
            return False
        expr = gotype.lstrip("*")
        qualified = self.qualify(package, expr)
        if qualified is None:
            return True
        pkg, name = qualified
        return pkg in self.packages and name in self.packages[pkg].custom

    def struct(self, package, name):
        key = package + "." + name
        if key in self.types:
            return
        self.types[key] = fields = []
        for go_name, gotype, tag, comments in self.packages[package].structs[name]:
            yaml_tag = re.search(r'yaml:"([^"]*)"', tag)
            parts = yaml_tag.group(1).split(",") if yaml_tag else [""]
            if parts[0] == "-":
                continue
            inline = "inline" in parts[1:]
            if go_name is None and not inline:
                # yaml.v3 inlines an embedded struct only when asked; otherwise it is a field
                # named after its type, lowercased.
                go_name = gotype.lstrip("*").split(".")[-1]
            if inline:
                shape = self.shape(package, gotype)
                if shape.startswith("S"):
                    fields.extend(self.types[shape[1:]])
                elif shape.startswith("M"):
                    fields.append(("*", shape[1:], Field("*", gotype, comments, True)))
                continue
            if go_name[0].islower():
                continue
            yaml_name = parts[0] or go_name.lower()
            fields.append((yaml_name, self.shape(package, gotype), Field(go_name, gotype, comments, False)))


def read_release(repo, ref):
    listing = git(repo, "ls-tree", "-r", "--name-only", ref, TYPES).split()
    sources = [p for p in listing if p.endswith(".go") and not p.endswith("_test.go")
               and not p.endswith("_doc.go") and "generated" not in p]
    texts = read_files(repo, ref, sources)
    packages, imports_of = {}, {}
    for path in sources:
        key = os.path.dirname(path)[len(TYPES) + 1:] or "."
        package = packages.setdefault(key, Package(key))
        parse_file(package, texts[path], imports_of.setdefault(key, {}))
    model = Model(packages, imports_of)
    kinds = {}
    for key, package in packages.items():
        for kind_expr, root in package.registered:
            if kind_expr.startswith('"'):
                kind = kind_expr.strip('"')
            else:
                kind = package.consts.get(kind_expr)
                if kind is None:
                    print(f"warning: {ref}: cannot resolve kind {kind_expr} in {key}", file=sys.stderr)
                    continue
            model.struct(key, root)
            # The legacy document is registered as "v1alpha1" with no kind (it has none).
            kinds["" if kind == "v1alpha1" else kind] = key + "." + root
    # The configs Talos's tests decode. Not the fuzz corpus, nor `testdata/delete/`: those are
    # YAML trees the `$patch: delete` step rewrites, never decoded as configs.
    loader = git(repo, "ls-tree", "-r", "--name-only", ref, "pkg/machinery/config/configloader").split()
    testdata = [p for p in listing + loader if "/testdata/" in p and p.endswith((".yaml", ".test"))
                and "/fuzz/" not in p and "/testdata/delete/" not in p]
    return model, kinds, testdata


def swift_string(text):
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t")
    return re.sub(r"[\x00-\x1f\x7f]", lambda m: "\\u{%X}" % ord(m.group(0)), escaped)


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    repo = sys.argv[1]
    releases = []
    for release, pattern in RELEASES:
        ref = resolve_ref(repo, pattern)
        commit = git(repo, "rev-parse", ref).strip()
        model, kinds, testdata = read_release(repo, ref)
        releases.append((release, ref, commit, model, kinds, testdata))
        print(f"{release} ({ref}): {len(model.types)} types, {len(kinds)} kinds", file=sys.stderr)

    # Types across releases, in a stable order; a field is one record per (type, name, shape).
    type_names = sorted({name for r in releases for name in r[3].types})
    type_index = {name: i for i, name in enumerate(type_names)}
    descriptions, description_index = [], {}

    def describe(text):
        if not text:
            return ""
        if text not in description_index:
            description_index[text] = len(descriptions)
            descriptions.append(text)
        return str(description_index[text])

    def encode_shape(shape):
        return re.sub(r"S([\w./]+\.\w+)", lambda m: "S" + str(type_index[m.group(1)]), shape)

    type_blocks = []
    for name in type_names:
        lines = [name]
        type_blocks.append(lines)
        records, order, described = {}, [], {}
        for bit, (_, _, _, model, _, _) in enumerate(releases):
            for yaml_name, shape, field in model.types.get(name, []):
                key = (yaml_name, encode_shape(shape))
                if key not in records:
                    records[key] = {"mask": 0, "deprecated": 0, "field": field}
                    order.append(key)
                record = records[key]
                record["mask"] |= 1 << bit
                if field.deprecated is not None:
                    record["deprecated"] |= 1 << bit
                    record["why"] = field.deprecated
                # The newest release's words; a description hidden later (`docgen:nodoc` on a
                # deprecated field) is kept from the release that still showed it.
                if field.description:
                    described[yaml_name] = field.description
                    record["field"] = field
                if field.values:
                    record["values"] = field.values + EXTRA_VALUES.get((name, yaml_name), [])
        for key in order:
            record = records[key]
            # An enum is a set of scalar values; on a mapping the docs list example keys.
            values = record.get("values", []) if key[1] in ("s", "*", "Ls", "L*") else []
            lines.append("\t".join([
                key[0], format(record["mask"], "x"), key[1], describe(described.get(key[0], "")),
                format(record["deprecated"], "x"), ",".join(v.replace(",", "%2C") for v in values),
                record.get("why", "").replace("\t", " ")]))
    kind_masks = {}
    for bit, (_, _, _, model, kinds, _) in enumerate(releases):
        for kind, root in kinds.items():
            kind_masks.setdefault((kind, type_index[root]), 0)
            kind_masks[(kind, type_index[root])] |= 1 << bit
    kind_lines = ["\t".join([kind, format(mask, "x"), str(root)]) for (kind, root), mask in sorted(kind_masks.items())]

    out_dir = os.path.join(ROOT, "Sources/TalintCore/Structure")
    os.makedirs(out_dir, exist_ok=True)
    sources = ", ".join(f"{r[0]} = {r[1]} ({r[2][:12]})" for r in releases)
    with open(os.path.join(out_dir, "StructureData.swift"), "w") as out:
        out.write("// Generated by scripts/generate-structure.py from siderolabs/talos\n")
        out.write(f"// pkg/machinery/config/types at {sources}. Do not edit.\n\n")
        out.write("/// The tables `StructureTable` decodes on first use (see scripts/generate-structure.py).\n")
        out.write("enum StructureData {\n")
        out.write("  /// The releases the bit masks count, lowest bit first.\n")
        out.write("  static let releases: [TalosVersion] = [" + ", ".join(
            f"TalosVersion({r[0].split('.')[0]}, {r[0].split('.')[1]})" for r in releases) + "]\n\n")
        out.write("  /// Each struct type: its name, then one line a field,\n")
        out.write("  /// `name\\tmask\\tshape\\tdescription\\tdeprecated mask\\tenum\\tdeprecation`. A type is\n")
        out.write("  /// decoded when a walk first reaches it (see StructureTable).\n")
        out.write("  static let types: [String] = [\n")
        for block in type_blocks:
            out.write('    "' + swift_string("\n".join(block)) + '",\n')
        out.write("  ]\n\n")
        out.write("  /// `kind\\tmask\\troot type` a line; the legacy v1alpha1 document is kind \"\".\n")
        out.write('  static let kinds = "' + swift_string("\n".join(kind_lines)) + '"\n\n')
        out.write("  /// Field descriptions, separated by U+001E, read only when one is asked for.\n")
        out.write('  static let descriptions = "' + swift_string("\u001e".join(descriptions)) + '"\n')
        out.write("}\n")

    conformance = os.path.join(ROOT, "Tests/Conformance/talos")
    for release, ref, commit, _, _, testdata in releases:
        target = os.path.join(conformance, release)
        shutil.rmtree(target, ignore_errors=True)
        os.makedirs(target)
        texts = read_files(repo, ref, testdata)
        names = []
        for path in testdata:
            name = path.replace("pkg/machinery/config/", "").replace("/testdata/", "--").replace("/", "-")
            name = re.sub(r"\.test$", ".yaml", name)
            names.append((name, path))
            with open(os.path.join(target, name), "w") as out:
                out.write(texts[path])
        with open(os.path.join(target, "README.md"), "w") as out:
            out.write(f"# Talos {release} stability testdata\n\n")
            out.write(f"Copied by `scripts/generate-structure.py` from siderolabs/talos at `{ref}` ({commit}),\n")
            out.write("licensed under the Mozilla Public License 2.0 (https://mozilla.org/MPL/2.0/).\n")
            out.write("Each file is a config Talos's own tests decode; talint must find nothing wrong in its structure.\n\n")
            for name, path in names:
                out.write(f"- `{name}`: `{path}`\n")


if __name__ == "__main__":
    main()
