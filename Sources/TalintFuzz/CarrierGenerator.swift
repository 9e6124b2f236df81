/// Turns fuzz bytes into a small repository of Talos carriers — a talconfig with inline,
/// JSON6902 and `@file` patches, an Omni cluster template, patch files and a multi-document
/// config — so that mutations explore the merge engine and the carriers, not only the YAML
/// parser. Every choice reads the next byte; when the bytes run out every choice is 0, so
/// any input yields a tree.
struct CarrierGenerator {
  /// Written as the value of secret fields; the fuzzer checks no output ever shows it.
  static let canary = "fuzzcanary7q"

  private var bytes: ArraySlice<UInt8>
  private var anchors = 0

  init(_ bytes: ArraySlice<UInt8>) { self.bytes = bytes }

  private mutating func choose(_ count: Int) -> Int {
    guard let byte = bytes.popFirst() else { return 0 }
    return Int(byte) % count
  }

  private mutating func pick<T>(_ items: [T]) -> T { items[choose(items.count)] }

  static let paths: [[String]] = [
    ["machine", "install", "extraKernelArgs"], ["machine", "sysctls"], ["machine", "kubelet", "extraArgs"],
    ["machine", "features", "rbac"], ["machine", "env"], ["machine", "token"], ["machine", "ca", "key"],
    ["machine", "network", "interfaces"], ["machine", "files"], ["machine", "certSANs"], ["debug"],
    ["cluster", "apiServer", "extraArgs"], ["cluster", "apiServer", "admissionControl"],
    ["cluster", "network", "podSubnets"], ["cluster", "secretboxEncryptionSecret"], ["cluster", "token"],
    ["cluster", "allowSchedulingOnControlPlanes"], ["cluster", "etcd", "extraArgs"],
  ]
  static let secretPaths: Set<[String]> = [
    ["machine", "token"], ["machine", "ca", "key"], ["cluster", "secretboxEncryptionSecret"], ["cluster", "token"],
  ]
  static let keys = [
    "machine", "cluster", "install", "extraKernelArgs", "sysctls", "kubelet", "extraArgs", "features", "rbac", "env",
    "apiServer", "admissionControl", "name", "configuration", "interfaces", "addresses", "$patch", "a", "b",
    "kernel.kptr_restrict", "anonymous-auth", "profiling", "PodSecurity", "defaults", "enforce", "exemptions",
  ]
  static let scalars = [
    "\"true\"", "false", "\"0\"", "1", "mitigations=off", "pti=on", "-pti", "0.0.0.0/0", "\"${VAR}\"", "\"{{ x }}\"",
    "delete", "replace", "privileged", "\"\"", "null", "~", "10.0.0.1/8", "https://u:pw@h/x",
  ]

  /// A YAML value in flow style, `depth` levels deep at most; anchors and aliases, `$patch`
  /// markers and self-references included.
  private mutating func value(_ depth: Int) -> String {
    switch depth <= 0 ? choose(3) : choose(8) {
    case 0, 1: return pick(Self.scalars)
    case 2: return anchors > 0 ? "*a\(choose(anchors + 1))" : "[]"
    case 3, 4:
      let anchor = choose(4) == 0 ? "&a\(anchors) " : ""
      if !anchor.isEmpty { anchors += 1 }
      let count = choose(4)
      let entries = (0..<count).map { _ in "\(pick(Self.keys)): \(value(depth - 1))" }
      return anchor + "{" + entries.joined(separator: ", ") + (choose(6) == 0 ? ", $patch: delete" : "") + "}"
    default:
      let anchor = choose(4) == 0 ? "&a\(anchors) " : ""
      if !anchor.isEmpty { anchors += 1 }
      return anchor + "[" + (0..<choose(4)).map { _ in value(depth - 1) }.joined(separator: ", ") + "]"
    }
  }

  /// A strategic-merge patch: a few paths set to generated values.
  private mutating func strategicPatch() -> String {
    var entries: [String] = []
    for _ in 0...choose(3) {
      let path = pick(Self.paths)
      let leaf = Self.secretPaths.contains(path) ? Self.canary : value(3)
      entries.append(path.reversed().reduce(leaf) { inner, key in "{\(key): \(inner)}" })
    }
    // Several paths merged as one mapping would repeat top-level keys; a list of documents
    // keeps each whole.
    return entries.count == 1 ? entries[0] : entries.joined(separator: "\n---\n")
  }

  /// A JSON6902 patch: a list of operations on known paths, `copy`/`move` between them.
  private mutating func jsonPatch() -> String {
    let ops = (0...choose(4)).map { _ -> String in
      let path = pick(Self.paths)
      let pointer = "/" + path.joined(separator: "/") + (choose(3) == 0 ? "/-" : "")
      let from = "/" + pick(Self.paths).prefix(1 + choose(3)).joined(separator: "/")
      switch choose(6) {
      case 0: return "{op: remove, path: \(pointer)}"
      case 1: return "{op: copy, from: \(from), path: \(pointer)}"
      case 2: return "{op: move, from: \(from), path: \(pointer)}"
      case 3: return "{op: test, path: \(pointer), value: \(value(1))}"
      case 4: return "{op: replace, path: \(pointer), value: \(Self.secretPaths.contains(path) ? Self.canary : value(2))}"
      default: return "{op: add, path: \(pointer), value: \(Self.secretPaths.contains(path) ? Self.canary : value(2))}"
      }
    }
    return "[" + ops.joined(separator: ", ") + "]"
  }

  private mutating func patchText() -> String { choose(3) == 0 ? jsonPatch() : strategicPatch() }

  /// A talconfig patch entry: an inline string or a reference to a patch file, repeated.
  private mutating func talhelperPatches(files: Int) -> String {
    var entries: [String] = []
    for _ in 0..<choose(4) {
      if choose(2) == 0 {
        let reference = "\"@./patches/p\(choose(files)).yaml\""
        entries += Array(repeating: reference, count: 1 + choose(3) * choose(4))
      } else {
        entries.append(Self.quoted(patchText()))
      }
    }
    return "[" + entries.joined(separator: ", ") + "]"
  }

  private static func quoted(_ text: String) -> String {
    var escaped = "\""
    for character in text {
      switch character {
      case "\\": escaped += "\\\\"
      case "\"": escaped += "\\\""
      case "\n": escaped += "\\n"
      default: escaped.append(character)
      }
    }
    return escaped + "\""
  }

  private mutating func talconfig(files: Int) -> String {
    let release = 8 + choose(8)
    var text = "clusterName: fuzz\ntalosVersion: v1.\(release).0\nendpoint: https://10.0.0.1:6443\n"
    text += "patches: \(talhelperPatches(files: files))\n"
    text += "controlPlane: {patches: \(talhelperPatches(files: files))}\n"
    text += "worker: {patches: \(talhelperPatches(files: files))}\nnodes:\n"
    for node in 0...choose(3) {
      text += "  - {hostname: n\(node), ipAddress: 10.0.0.\(node + 2), controlPlane: \(choose(2) == 0), patches: \(talhelperPatches(files: files))}\n"
    }
    return text
  }

  private mutating func omniPatches(files: Int) -> String {
    let entries = (0..<choose(4)).map { index -> String in
      choose(2) == 0 ? "{name: f\(index), file: patches/p\(choose(files)).yaml}" : "{name: i\(index), inline: \(value(3))}"
    }
    return "[" + entries.joined(separator: ", ") + "]"
  }

  private mutating func omniTemplate(files: Int) -> String {
    var text = "kind: Cluster\nname: fuzz\nkubernetes: {version: v1.32.0}\ntalos: {version: v1.\(8 + choose(8)).0}\n"
    text += "patches: \(omniPatches(files: files))\n---\nkind: ControlPlane\nmachines: [m0]\npatches: \(omniPatches(files: files))\n"
    text += "---\nkind: Workers\nname: w\nmachines: [m1]\npatches: \(omniPatches(files: files))\n"
    text += "---\nkind: Machine\nname: m1\npatches: \(omniPatches(files: files))\n"
    return text
  }

  /// The generated repository.
  mutating func tree() -> TreeArchive {
    let files = 1 + choose(3)
    var tree: [(path: String, bytes: [UInt8])] = []
    for index in 0..<files { tree.append(("patches/p\(index).yaml", Array((patchText() + "\n").utf8))) }
    if choose(4) != 0 { tree.append(("talconfig.yaml", Array(talconfig(files: files).utf8))) }
    if choose(3) == 0 { tree.append(("omni.yaml", Array(omniTemplate(files: files).utf8))) }
    if choose(3) == 0 { tree.append(("node.yaml", Array("version: v1alpha1\n\(strategicPatch())\n".utf8))) }
    return TreeArchive(files: tree)
  }
}
