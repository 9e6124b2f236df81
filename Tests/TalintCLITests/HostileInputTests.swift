import Foundation
import TalintCore
import TalintTestSupport
import Testing

/// Input a pull request can contain, each with its exact outcome: a positioned diagnostic or a
/// normal lint, never a crash or a hang. Each ends within 5 seconds with the release binary
/// (`.ci/run` sets TALINT_BINARY to it); a debug binary gets 60 seconds, as it is several
/// times slower.
@Suite struct HostileInputTests {
  static let directory: String = {
    let path = ScratchTree.path("-hostile")
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
  }()

  func file(_ name: String, _ bytes: [UInt8]) throws -> String {
    let path = Self.directory + "/" + name
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    return path
  }

  /// Runs talint on `arguments` and checks it ended by itself within `seconds` (release build;
  /// a debug build gets 60 s).
  func talint(_ arguments: [String], seconds: Double = 5) throws -> ProcessOutput {
    let (binary, isRelease) = Paths.measuredBinary
    let limit: Double = isRelease ? seconds : 60
    let output = try Subprocess.run(binary, ["lint", "--fail-on", "never"] + arguments, timeout: limit * 2)
    #expect(!output.signaled, "talint was killed by a signal: \(output.stderr.suffix(500))")
    #expect(output.seconds < limit, "took \(output.seconds) s, limit \(limit) s")
    return output
  }

  @Test func deepFlowNesting() throws {
    let path = try file("deep-flow.yaml", Array(String(repeating: "[", count: 200_000).utf8))
    let output = try talint([path])
    #expect(output.status == 2)
    #expect(output.stdout == "\(path):1:257: error: nesting deeper than 256 levels [TAL003]\n")
  }

  @Test func deepBlockNesting() throws {
    let path = try file("deep-block.yaml", Array((String(repeating: "- ", count: 200_000) + "x\n").utf8))
    let output = try talint([path])
    #expect(output.status == 2)
    #expect(output.stdout == "\(path):1:513: error: nesting deeper than 256 levels [TAL003]\n")
  }

  @Test func aliasBombStaysCheap() throws {
    var text = "a0: &a0 [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]\n"
    for level in 1..<40 { text += "a\(level): &a\(level) [\(Array(repeating: "*a\(level - 1)", count: 9).joined(separator: ", "))]\n" }
    text += "machine:\n  sysctls: &m {<<: [{kernel.kptr_restrict: \"2\"}]}\n  kubelet:\n    extraArgs: *m\n"
    let output = try talint([try file("alias-bomb.yaml", Array(text.utf8))])
    // The bomb's keys are no Talos keys: the only findings say so (TAL011), one a key.
    #expect(output.status != 2)
    #expect(output.stdout.split(separator: "\n").count == 40 && output.stdout.split(separator: "\n").allSatisfy { $0.hasSuffix("[TAL011]") }, "\(output.stdout)")
  }

  @Test func randomBytesAreAPositionedError() throws {
    var generator = SystemRandomNumberGenerator()
    // After a Talos patch's first lines: random bytes alone are nobody's config, and skipped.
    let bytes = Array("machine:\n  sysctls:\n".utf8) + (0..<1_048_576).map { _ in UInt8.random(in: 0...255, using: &generator) }
    let path = try file("random.bin", bytes)
    let output = try talint([path])
    #expect(output.status == 2)
    #expect(output.stdout.wholeMatch(of: /.*random\.bin:\d+:\d+: error: .+ \[TAL001\]\n/) != nil, "\(output.stdout)")
  }

  @Test func nulByteIsPositioned() throws {
    let output = try talint([try file("nul.yaml", Array("machine:\n  type: wor".utf8) + [0] + Array("ker\n".utf8))])
    #expect(output.status == 2)
    #expect(output.stdout.hasSuffix("nul.yaml:2:12: error: control characters are not allowed (byte 0x0) [TAL001]\n"), "\(output.stdout)")
  }

  @Test func invalidUTF8IsPositioned() throws {
    let output = try talint([try file("utf8.yaml", Array("version: v1alpha1\nname: ab".utf8) + [0xC3, 0x28] + Array("\n".utf8))])
    #expect(output.status == 2)
    #expect(output.stdout.hasSuffix("utf8.yaml:2:10: error: invalid trailing UTF-8 octet (byte 0x28) [TAL001]\n"), "\(output.stdout)")
  }

  @Test func bomUTF16AndCRLFAreLintedNormally() throws {
    let text = "machine:\n  sysctls:\n    kernel.kptr_restrict: \"0\"\n"
    var utf16: [UInt8] = [0xFE, 0xFF]
    for unit in text.utf16 { utf16 += [UInt8(unit >> 8), UInt8(unit & 0xFF)] }
    let inputs = [
      try file("bom.yaml", [0xEF, 0xBB, 0xBF] + Array(text.utf8)),
      try file("utf16be.yaml", utf16),
      try file("crlf.yaml", Array(text.replacingOccurrences(of: "\n", with: "\r\n").utf8)),
    ]
    let output = try talint(inputs)
    #expect(output.status == 0)
    for input in inputs {
      #expect(output.stdout.contains("\(input):3:27: warning: kernel.kptr_restrict=0 weakens"), "\(input)")
    }
  }

  @Test func tabIndentationIsAnError() throws {
    let output = try talint([try file("tabs.yaml", Array("machine:\n\ttype: worker\n".utf8))])
    #expect(output.status == 2)
    #expect(output.stdout.hasSuffix("tabs.yaml:2:1: error: found character that cannot start any token while scanning for the next token [TAL001]\n"), "\(output.stdout)")
  }

  @Test func hugeScalarIsLinted() throws {
    let path = try file("scalar.yaml", Array(("machine:\n  files:\n    - content: \"" + String(repeating: "x", count: 20_000_000) + "\"\n").utf8))
    let output = try talint([path])
    #expect(output.status == 0)
    #expect(output.stderr.contains("no problems in 1 file"))
  }

  /// The two largest inputs are a tenth of their size for a debug binary (the AddressSanitizer
  /// run): unoptimised and instrumented, it takes minutes over the full size, which shows
  /// nothing the release run does not. The release binary gets them whole.
  static let volume = Paths.measuredBinary.isRelease ? 1 : 10

  @Test func manyDocumentsAreLinted() throws {
    let text = String(repeating: "---\nmachine:\n  sysctls:\n    vm.max_map_count: \"262144\"\n", count: 200_000 / Self.volume)
    let output = try talint([try file("documents.yaml", Array(text.utf8))])
    #expect(output.status == 0)
    #expect(output.stderr.contains("no problems in 1 file"))
  }

  /// Every finding here carries a fix: finding each one's text must not walk the whole file
  /// (it once did, and a 30 MB file of real configs took 18 s instead of 2).
  @Test func manyFixableFindingsAreLinted() throws {
    let count = 20_000 / Self.volume
    let text = String(repeating: "---\nmachine:\n  install:\n    extraKernelArgs: [console=ttyS0, -pti]\n", count: count)
    let output = try talint([try file("fixable.yaml", Array(text.utf8))])
    #expect(output.status == 0)
    #expect(output.stdout.split(separator: "\n").count == count)
  }

  /// One long list whose every item is fixable, in a patch a machine uses: each fix is built
  /// from the item and its neighbours, and a machine's finding finds its item by descending the
  /// patch, never by walking the whole list (30,000 items took 24 s when each did).
  @Test func aLongListOfFixableItemsIsLintedInLinearTime() throws {
    let count = 30_000 / Self.volume
    let folder = Self.directory + "/long-list"
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    let list = String(repeating: "      - pti=off\n", count: count)
    let patch = try file("long-list/args.yaml", Array(("machine:\n  install:\n    extraKernelArgs:\n" + list).utf8))
    _ = try file("long-list/.talint.yaml", Array("machines:\n  cp1: {type: controlplane, talos-version: \"1.13\", patches: [args.yaml]}\n".utf8))
    // The machine's findings carry their fixes (built as the findings are made).
    let linted = try talint([folder])
    #expect(linted.status == 0)
    #expect(linted.stdout.split(separator: "\n").filter { $0.contains("'pti=off'") }.count == count)
    // 2.7 s for the fix engine on the 2-core machine; bounded at 10 s, where walking the list
    // for each item took twice that.
    let diff = try talint(["--diff", patch], seconds: 10)
    #expect(diff.status == 1)
    #expect(diff.stdout.split(separator: "\n").filter { $0 == "-      - pti=off" }.count == count)
  }

  @Test func hugeMappingIsLinted() throws {
    var text = "machine:\n  sysctls:\n"
    text.reserveCapacity(40_000_000)
    let keys = 1_500_000 / Self.volume
    for index in 0..<keys { text += "    k\(index): \"1\"\n" }
    text += "    kernel.kptr_restrict: \"0\"\n"
    // 1.5 million keys (26 MB) take about 3.5 s on the 2-core CI machine (libyaml alone takes
    // 0.8 s): docs/performance.md says what the rest is made of. Bounded at 10 s so a busy
    // machine does not make the test flaky; it still catches a hang or a quadratic walk.
    let output = try talint([try file("keys.yaml", Array(text.utf8))], seconds: 10)
    #expect(output.status == 0)
    #expect(output.stdout.hasSuffix("keys.yaml:\(keys + 3):27: warning: kernel.kptr_restrict=0 weakens Talos's KSPP default 2 (Talos 1.15); remove the override [TAL201]\n"))
  }

  @Test func specialFilesAreRefusedWithoutHanging() throws {
    let fifo = Self.directory + "/fifo.yaml"
    unlink(fifo)
    #expect(mkfifo(fifo, 0o644) == 0)
    let socketPath = Self.directory + "/socket.yaml"
    unlink(socketPath)
    let descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
    var address = sockaddr_un()
    address.sun_family = sa_family_t(AF_UNIX)
    withUnsafeMutableBytes(of: &address.sun_path) { raw in
      for (index, byte) in socketPath.utf8.enumerated() where index < raw.count - 1 { raw[index] = byte }
    }
    let bound = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
    }
    #expect(bound == 0)
    defer { close(descriptor) }
    let output = try talint([fifo, socketPath, "/dev/zero"])
    #expect(output.status == 2)
    for path in [fifo, socketPath, "/dev/zero"] {
      #expect(output.stdout.contains("\(path):1:1: error: not a regular file (a directory, FIFO, socket or device) [TAL003]"))
    }
  }

  @Test func symlinkLoopDoesNotMakeTheWalkEndless() throws {
    let root = Self.directory + "/loop"
    try? FileManager.default.removeItem(atPath: root)
    try FileManager.default.createDirectory(atPath: root + "/a", withIntermediateDirectories: true)
    try FileManager.default.createSymbolicLink(atPath: root + "/a/back", withDestinationPath: root)
    try FileManager.default.createSymbolicLink(atPath: root + "/a/self", withDestinationPath: root + "/a/self")
    try "version: v1alpha1\ndebug: false\n".write(toFile: root + "/a/config.yaml", atomically: true, encoding: .utf8)
    let output = try talint([root])
    #expect(output.status == 0)
    #expect(output.stderr.contains("no problems in 1 file"))
  }

  @Test(.enabled(if: getuid() == 0 && FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv"), "skipped: needs root and setpriv to run as another user"))
  func unreadableFileExitsTwo() throws {
    let path = try file("secret.yaml", Array("debug: false\n".utf8))
    chmod(path, 0o000)
    chmod(Self.directory, 0o755)
    let output = try Subprocess.run("/usr/bin/setpriv", ["--reuid=65534", "--regid=65534", "--clear-groups", Paths.measuredBinary.path, "lint", path], timeout: 20)
    #expect(output.status == 2)
    #expect(output.stdout == "\(path):1:1: error: cannot open: Permission denied [TAL003]\n")
  }

  @Test func fileVanishingAfterListingIsReported() throws {
    let root = Self.directory + "/vanish"
    try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
    try "debug: false\n".write(toFile: root + "/gone.yaml", atomically: true, encoding: .utf8)
    let inputs = InputCollector().collect([root]).inputs
    #expect(inputs.count == 1)
    try FileManager.default.removeItem(atPath: root + "/gone.yaml")
    let result = Linter(rules: []).lint(inputs[0])
    #expect(result.failed)
    #expect(result.diagnostics.map(TextReporter.line) == ["\(root)/gone.yaml:1:1: error: cannot read: No such file or directory [TAL003]"])
  }

  @Test func closedPipeEndsQuietly() throws {
    let script = "\"\(Paths.measuredBinary.path)\" lint Fixtures | head -1 >/dev/null; echo \"status=${PIPESTATUS[0]}\""
    let output = try Subprocess.run("/bin/bash", ["-c", script], directory: Paths.packageRoot, timeout: 20)
    #expect(output.stdout == "status=2\n")
    #expect(!output.stderr.contains("Fatal") && !output.stderr.contains("Crash"))
  }
}
