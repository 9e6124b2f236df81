import Foundation
import TalintTestSupport
import Testing

/// A pull request holding every attack at once, linted as CI lints it: the release binary,
/// under a 2 GB address-space limit and a time limit, in every output format, with `--diff`,
/// `--write-baseline` and `render`. No output may show a canary from the environment, from a
/// file outside the tree or from a secret in the tree; no command the tree brings may run;
/// nothing outside the tree may change.
@Suite struct HostileRepositoryTests {
  static let environmentCanary = "envcanary5k2w"
  static let outsideCanary = "outsidecanary8r3v"
  /// Short on purpose: a secret of four characters must not leak through any output.
  static let secret = "zq7x"

  /// The outside folder (a sibling of the repository) and the repository.
  static func makeTree() throws -> (outside: String, root: String) {
    let base = ScratchTree.path("-hostile-repo")
    let outside = base + "/outside"
    let root = base + "/repo"
    let manager = FileManager.default
    try manager.createDirectory(atPath: outside, withIntermediateDirectories: true)
    try manager.createDirectory(atPath: root + "/patches", withIntermediateDirectories: true)
    func write(_ path: String, _ text: String) throws { try text.write(toFile: path, atomically: false, encoding: .utf8) }

    try write(outside + "/secret.yaml", "machine:\n  token: \(outsideCanary)\n  install:\n    extraKernelArgs: [\(outsideCanary)]\n")
    try write(outside + "/baseline.json", "{\"\(outsideCanary)\": [")
    try manager.createSymbolicLink(atPath: root + "/link-out.yaml", withDestinationPath: outside + "/secret.yaml")

    // A crafted repository: every configuration git could run a command from writes a canary.
    let ran = base + "/git-ran"
    let git = root + "/.git"
    try manager.createDirectory(atPath: git + "/hooks", withIntermediateDirectories: true)
    try manager.createDirectory(atPath: git + "/objects", withIntermediateDirectories: true)
    try manager.createDirectory(atPath: git + "/refs", withIntermediateDirectories: true)
    try write(git + "/HEAD", "ref: refs/heads/main\n")
    try write(
      git + "/config",
      """
      [core]
        repositoryformatversion = 0
        bare = false
        fsmonitor = "touch \(ran)"
        sshCommand = "touch \(ran)"
        hooksPath = hooks
        pager = "touch \(ran)"
      [diff]
        external = "touch \(ran)"
      [filter "x"]
        clean = "touch \(ran)"
        smudge = "touch \(ran)"
        process = "touch \(ran)"

      """)
    for hook in ["pre-commit", "post-checkout", "post-index-change", "fsmonitor-watchman", "reference-transaction"] {
      try write(git + "/hooks/" + hook, "#!/bin/sh\ntouch \(ran)\n")
      chmod(git + "/hooks/" + hook, 0o755)
    }
    try write(root + "/.gitattributes", "*.yaml filter=x diff=x\n")

    try write(root + "/.talint.yaml", "baseline: ../outside/baseline.json\nmachines:\n  m: {type: controlplane, patches: [../outside/secret.yaml, /proc/self/environ]}\n")
    try write(root + "/patches/append.yaml", "machine:\n  install:\n    extraKernelArgs: [a, b, c, d]\n")
    let repeated = Array(repeating: "\"@./patches/append.yaml\"", count: 2_000).joined(separator: ", ")
    try write(
      root + "/talconfig.yaml",
      """
      clusterName: hostile
      talosVersion: v1.13.0
      endpoint: https://10.0.0.1:6443
      patches:
        - "@/proc/self/environ"
        - "@../outside/secret.yaml"
        - "@./link-out.yaml"
        - "@/proc/self/pagemap"
        - |-
          machine: &m
            env: {x: *m}
        - "[{op: copy, from: /machine, path: /machine/a}, {op: copy, from: /machine, path: /machine/a/b}, {op: copy, from: /machine, path: /machine/a/b/c}]"
        - "[{op: add, path: /machine/token, value: \(secret)}]"
        - |-
          - op: add
            path: /cluster/secretboxEncryptionSecret
            value: \(secret)
      nodes:
        - hostname: cp1
          ipAddress: 10.0.0.2
          controlPlane: true
        - hostname: w1
          ipAddress: 10.0.0.3
          controlPlane: false
          patches: [\(repeated)]

      """)
    try write(
      root + "/omni.yaml",
      "kind: Cluster\nname: hostile\ntalos: {version: v1.13.0}\nkubernetes: {version: v1.32.0}\npatches:\n  - {name: out, file: ../outside/secret.yaml}\n  - {name: link, file: link-out.yaml}\n---\nkind: ControlPlane\nmachines: [m0]\n")
    // Keys that would forge a finding line or drive the terminal if printed raw.
    try write(
      root + "/forged.yaml",
      "machine:\n  sysctls:\n    \"a\\e[2J\\nforged.yaml:9:9: error: forged [TAL999]\": \"1\"\n    \"a\\e[2J\\nforged.yaml:9:9: error: forged [TAL999]\": \"2\"\n  token: \"\\u001b]0;title\\u0007\(secret)\"\n")
    // BOM-less UTF-16 holding a secret, and a file far over the input cap (sparse: no disk).
    try Data("machine:\n  token: \(secret)\n  install:\n    extraKernelArgs: [mitigations=off]\n".utf16.flatMap { [UInt8($0 & 0xff), UInt8($0 >> 8)] })
      .write(to: URL(fileURLWithPath: root + "/utf16.yaml"))
    let big = open(root + "/big.yaml", O_CREAT | O_WRONLY, 0o644)
    ftruncate(big, 1 << 30)
    close(big)
    try write(root + "/dashes.yaml", String(repeating: "---\n", count: 1 << 20))
    return (outside, root)
  }

  /// Runs talint as CI would, with the environment canary set, under the memory and time limits.
  static func talint(_ arguments: [String], in root: String) throws -> ProcessOutput {
    let (binary, isRelease) = Paths.measuredBinary
    // AddressSanitizer reserves terabytes of address space, so the limit applies to the
    // release binary only (the binary CI measures); the time limit applies to both.
    let limit = isRelease ? "ulimit -v 2000000; " : ""
    let script = "\(limit)export HOSTILE_CANARY=\(environmentCanary); exec \"$@\""
    return try Subprocess.run("/bin/sh", ["-c", script, "sh", binary] + arguments, directory: root, timeout: isRelease ? 60 : 300)
  }

  static func expectClean(_ output: ProcessOutput, _ what: String, extra: String = "") {
    let all = output.stdout + output.stderr + extra
    #expect(!output.signaled, "\(what): killed by a signal: \(output.stderr.suffix(400))")
    #expect([0, 1, 2, 64].contains(output.status), "\(what): exit \(output.status): \(output.stderr.suffix(400))")
    for canary in [environmentCanary, outsideCanary, secret] {
      #expect(!all.contains(canary), "\(what) shows \(canary)")
    }
    #expect(!all.unicodeScalars.contains("\u{1b}"), "\(what) prints an escape character")
    #expect(!all.split(separator: "\n").contains { $0.hasPrefix("forged.yaml:9:9:") }, "\(what) prints a forged line")
  }

  @Test func everyOutputOfAHostileRepositoryIsSafe() throws {
    let (outside, root) = try Self.makeTree()
    let before = try FileManager.default.contentsOfDirectory(atPath: outside).sorted()
    let secretBefore = try String(contentsOfFile: outside + "/secret.yaml", encoding: .utf8)
    // A .talint.yaml naming files outside is a configuration talint refuses (exit 64) at its
    // line, reading none of them; without it, the rest of the tree is linted.
    for arguments in [["lint", "--format", "pretty", "."], ["render", "--machine", "m", "."], ["config", "."]] {
      let refused = try Self.talint(arguments, in: root)
      Self.expectClean(refused, arguments.joined(separator: " ") + " with the hostile .talint.yaml")
      #expect(refused.status == 64, "\(arguments): exit \(refused.status)")
      #expect(refused.stderr.contains(".talint.yaml:1:11: error: '../outside/baseline.json' is outside the repository: not read"))
    }
    try FileManager.default.removeItem(atPath: root + "/.talint.yaml")
    for format in ["text", "pretty", "json", "sarif", "github", "junit", "checkstyle", "gitlab"] {
      let output = try Self.talint(["lint", "--fail-on", "never", "--format", format, "."], in: root)
      Self.expectClean(output, "lint --format \(format)")
      #expect(output.status == 2, "lint --format \(format): the cap and the references are inputs that could not be linted")
    }
    Self.expectClean(try Self.talint(["lint", "--diff", "."], in: root), "lint --diff")
    let baseline = root + "/../new-baseline.json"
    let written = try Self.talint(["lint", "--fail-on", "never", "--write-baseline", baseline, "."], in: root)
    Self.expectClean(written, "--write-baseline", extra: (try? String(contentsOfFile: baseline, encoding: .utf8)) ?? "")
    for machine in ["cp1", "w1", "control-plane"] {
      Self.expectClean(try Self.talint(["render", "--machine", machine, "."], in: root), "render --machine \(machine)")
    }
    #expect(!FileManager.default.fileExists(atPath: root + "/../git-ran"), "a command the repository's .git brought ran")
    #expect(try FileManager.default.contentsOfDirectory(atPath: outside).sorted() == before, "a file appeared outside the tree")
    #expect(try String(contentsOfFile: outside + "/secret.yaml", encoding: .utf8) == secretBefore, "a file outside the tree changed")
  }
}
