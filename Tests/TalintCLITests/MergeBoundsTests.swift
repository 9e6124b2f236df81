import Foundation
import TalintTestSupport
import Testing

/// Merges and reads that hostile input once made crash or grow without bound (issue 19): alias
/// cycles, JSON6902 copies into themselves, patches that expand or repeat, inputs past the size
/// cap, streams of empty documents. Each runs `lint` and `render` under a memory limit
/// (`ulimit -v`, release binary) and ends with a positioned diagnostic within 5 seconds (release binary; a
/// debug one gets 60). The small inputs are fixtures under Tests/Hostile/merge, which a fuzzing
/// corpus can start from; the large ones are made here.
@Suite struct MergeBoundsTests {
  static let fixtures = Paths.packageRoot + "/Tests/Hostile/merge"

  /// Runs talint with `arguments` (and `stdin`, a shell redirection) under `kilobytes` of
  /// address space, checking it ended by itself, unsignaled, within the time limit.
  func talint(
    _ arguments: [String], stdin: String = "/dev/null", kilobytes: Int = 2_000_000, seconds: Double = 5, debugSeconds: Double = 60
  ) throws -> ProcessOutput {
    let (binary, isRelease) = Paths.measuredBinary
    let limit: Double = isRelease ? seconds : debugSeconds
    // AddressSanitizer reserves terabytes of address space (`.ci/run` runs the suite once under
    // it), so the memory limit is the release binary's; the time limit holds for both.
    let memory = isRelease ? "ulimit -v \(kilobytes); " : ""
    let script = "\(memory)exec \"$0\" \"$@\" < \(stdin)"
    let output = try Subprocess.run("/bin/sh", ["-c", script, binary] + arguments, timeout: limit * 2)
    #expect(!output.signaled && output.status < 64, "talint crashed (status \(output.status)): \(output.stderr.suffix(500))")
    #expect(output.seconds < limit, "took \(output.seconds) s, limit \(limit) s")
    return output
  }

  func write(_ text: String, named name: String) throws -> String {
    let root = try ScratchTree.make([name: text])
    return root + "/" + name
  }

  // MARK: Alias cycles and copies into themselves

  @Test func inlinePatchWhoseAliasHoldsItselfIsRefused() throws {
    let path = Self.fixtures + "/self-alias-talconfig.yaml"
    let lint = try talint(["lint", path])
    #expect(lint.status == 1)
    #expect(
      lint.stdout == "\(path):11:20: error: Talos would refuse this patch: anchor value contains itself (an alias inside the value it names) (machine: n1) [TAL008]\n")
    let render = try talint(["render", "--machine", "n1", path])
    #expect(render.status == 2)
    #expect(render.stderr.contains("\(path):11:20: error: Talos would refuse this patch: anchor value contains itself"), "\(render.stderr)")
    let patch = try talint(["render", "--patch", Self.fixtures + "/self-alias-patch.yaml"])
    #expect(patch.status == 2)
    #expect(patch.stderr.contains("self-alias-patch.yaml:4:12: error: Talos would refuse this patch: anchor value contains itself"), "\(patch.stderr)")
  }

  @Test func languageServerSurvivesAnAliasCycle() throws {
    let text = try String(contentsOfFile: Self.fixtures + "/self-alias-talconfig.yaml", encoding: .utf8)
    let root = try ScratchTree.make(["repo/.git/HEAD": "ref: refs/heads/main\n"]) + "/repo"
    let client = try LSPClient(Paths.measuredBinary.path, directory: root)
    _ = client.initialize(root: root)
    client.open(root + "/talconfig.yaml", text: text)
    let published = client.diagnostics(for: root + "/talconfig.yaml")
    let codes = ((published?["params"] as? [String: Any])?["diagnostics"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String }
    #expect(codes == ["TAL008"], "\(String(describing: published))")
    _ = client.request("shutdown")
    client.notify("exit")
    #expect(client.exitStatus() == 0)
  }

  @Test func jsonPatchCopyIntoItselfCopies() throws {
    let path = Self.fixtures + "/json6902-copy-into-itself-talconfig.yaml"
    // The copies land at keys Talos does not have (TAL011 says so); this is about the merge.
    let lint = try talint(["lint", "--ignore", "TAL011", path])
    #expect(lint.status == 0)
    let render = try talint(["render", "--machine", "n1", path])
    #expect(render.status == 0, "\(render.stderr)")
    // Three copies of /machine, each holding the copies made before it: a, b (a inside), c (a
    // and b inside), as Talos's JSON patch library makes them.
    let keys = render.stdout.split(separator: "\n").filter { $0.wholeMatch(of: /( {2})+[abc]:  # from .*/) != nil }
    #expect(keys.map { $0.trimmingCharacters(in: .whitespaces).prefix(2) } == ["a:", "b:", "a:", "c:", "a:", "b:", "a:"], "\(keys)")
    let patch = try talint(["render", "--talos-version", "1.10", "--patch", Self.fixtures + "/json6902-copy-into-itself-patch.yaml"])
    #expect(patch.status == 0, "\(patch.stderr)")
    #expect(patch.stdout.contains("\n  a:  # from "))
  }

  @Test func jsonPatchCopiesThatDoubleStopAtTheBudget() throws {
    // 80 copies of /machine into itself in a 4 KB patch: 2^80 nodes without a budget.
    var patch = ""
    for index in 0..<80 { patch += "- op: copy\n  from: /machine\n  path: /machine/c\(index)\n" }
    let path = try write(patch, named: "doubling.yaml")
    let render = try talint(["render", "--talos-version", "1.10", "--patch", path])
    #expect(render.status == 2)
    #expect(render.stderr.wholeMatch(of: /.*doubling\.yaml:\d+:9: error: merging would create more than 500000 nodes for this machine .*\n/) != nil, "\(render.stderr)")
    let root = (path as NSString).deletingLastPathComponent
    try "machines:\n  m1: {type: worker, talos-version: \"1.10\", patches: [doubling.yaml]}\n".write(toFile: root + "/.talint.yaml", atomically: true, encoding: .utf8)
    let lint = try talint(["lint", path])
    #expect(lint.status == 2)
    #expect(lint.stdout.contains("error: merging would create more than 500000 nodes for this machine"), "\(lint.stdout)")
    #expect(lint.stdout.contains("(machine: m1) [TAL003]"))
  }

  // MARK: Patches that expand or repeat

  @Test func aPatchSharedByAHundredNodesStopsAtTheRunsBudget() throws {
    // 280 bytes that expand to 1.1 million nodes through aliases, applied to 100 nodes.
    var patch = "a0: &a0 [x,x,x,x,x,x,x,x,x,x]\n"
    for level in 1...5 { patch += "a\(level): &a\(level) [\(Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ","))]\n" }
    var text = "clusterName: c\ntalosVersion: v1.10.0\npatches:\n  - |\n"
    text += patch.split(separator: "\n").map { "      \($0)\n" }.joined()
    text += "nodes:\n" + (0..<100).map { "  - hostname: n\($0)\n    ipAddress: 10.0.0.\($0)\n" }.joined()
    let path = try write(text, named: "talconfig.yaml")
    // The run's whole budget is spent: 68 s in a debug build under AddressSanitizer.
    let lint = try talint(["lint", path], kilobytes: 1_500_000, debugSeconds: 180)
    #expect(lint.status == 2)
    // As a serial run spends it: four machines reach their own budget, which spends the
    // run's, so the other 96 are not merged — stopped at the first value they would merge,
    // the talconfig's clusterName talhelper hands the generator.
    #expect(
      lint.stdout == """
        \(path):1:14: error: merging would create more than 2000000 nodes for this run's machines together (aliases and JSON6902 copies expand as patches merge); the machine was not judged (machines: n4, n5, n6, n7, n8 and 91 more) [TAL003]
        \(path):5:11: error: merging would create more than 500000 nodes for this machine (aliases and JSON6902 copies expand as patches merge); the machine was not judged (machines: n0, n1, n2, n3) [TAL003]

        """)
    let render = try talint(["render", "--machine", "n50", path], kilobytes: 1_500_000)
    #expect(render.status == 2)
    #expect(render.stderr.hasSuffix("\(path):5:11: error: merging would create more than 500000 nodes for this machine (aliases and JSON6902 copies expand as patches merge); the machine was not judged\n"), "\(render.stderr)")
  }

  @Test func aPatchNamedTwentyThousandTimesIsRefusedCheaply() throws {
    // One node names one anchored patch 20,000 times; each time it appends to a list, whose
    // slots were copied at every append (20,000² / 2 of them, past this memory limit). A
    // machine now has at most 1,000 patches: the 1,001st is reported where it is named.
    let count = 20_000
    var text = "clusterName: c\ntalosVersion: v1.10.0\nnodes:\n  - hostname: n1\n    ipAddress: 10.0.0.1\n    patches:\n"
    text += "      - &p \"machine: {network: {extraHostEntries: [{ip: 10.0.0.9, aliases: [x]}]}}\"\n"
    text += String(repeating: "      - *p\n", count: count - 1)
    let path = try write(text, named: "talconfig.yaml")
    let message = "this machine has more than 1000 patches (a patch named again counts again); the machine was not judged"
    let lint = try talint(["lint", path], kilobytes: 1_000_000)
    #expect(lint.status == 2)
    #expect(lint.stdout == "\(path):1007:9: error: \(message) (machine: n1) [TAL003]\n")
    let render = try talint(["render", "--machine", "n1", path], kilobytes: 1_000_000)
    #expect(render.status == 2)
    #expect(render.stderr.hasSuffix("\(path):1007:9: error: \(message)\n"), "\(render.stderr)")
  }

  @Test func twoLargeMappingsMergeInLinearTime() throws {
    // 50,000 sysctls in a base and 50,000 in a patch: a scan of the base per patch key was
    // 2.5 billion comparisons.
    let count = 50_000
    let root = try ScratchTree.make([
      "base.yaml": "version: v1alpha1\nmachine:\n  type: worker\n  sysctls:\n" + (0..<count).map { "    a\($0): \"1\"\n" }.joined(),
      "patch.yaml": "machine:\n  sysctls:\n" + (0..<count).map { "    b\($0): \"1\"\n" }.joined(),
      ".talint.yaml": "machines:\n  m1: {type: worker, base: base.yaml, patches: [patch.yaml]}\n",
    ])
    let lint = try talint(["lint", root + "/patch.yaml"], kilobytes: 1_000_000)
    #expect(lint.status == 0)
    #expect(lint.stdout.isEmpty, "\(lint.stdout.prefix(500))")
  }

  @Test func twoLargeListsOfInterfacesMergeInLinearTime() throws {
    // 10,000 interfaces by device selector in a base and as many in a patch: a comparison of
    // selectors per pair was 100 million.
    let count = 10_000
    let interfaces = { (prefix: String) in (0..<count).map { "      - {deviceSelector: {hardwareAddr: '\(prefix):\($0)'}, mtu: 1500}\n" }.joined() }
    let root = try ScratchTree.make([
      "base.yaml": "version: v1alpha1\nmachine:\n  type: worker\n  network:\n    interfaces:\n" + interfaces("aa"),
      "patch.yaml": "machine:\n  network:\n    interfaces:\n" + interfaces("bb"),
      ".talint.yaml": "machines:\n  m1: {type: worker, base: base.yaml, patches: [patch.yaml]}\n",
    ])
    let lint = try talint(["lint", root + "/patch.yaml"], kilobytes: 1_000_000)
    #expect(lint.status == 0)
    #expect(lint.stdout.isEmpty, "\(lint.stdout.prefix(500))")
  }

  // MARK: Reading

  @Test func aFileOverTheCapIsNotRead() throws {
    let path = ScratchTree.path("-big.yaml")
    #expect(FileManager.default.createFile(atPath: path, contents: nil))
    #expect(truncate(path, 1 << 30) == 0)  // 1 GB, sparse: the disk holds nothing
    let lint = try talint(["lint", path], kilobytes: 1_000_000)
    #expect(lint.status == 2)
    #expect(lint.stdout == "\(path):1:1: error: input is larger than 256 MiB [TAL003]\n")
    let render = try talint(["render", "--patch", path], kilobytes: 1_000_000)
    #expect(render.status == 2)
    #expect(render.stderr.hasSuffix("\(path):1:1: error: cannot read \(path): input is larger than 256 MiB\n"), "\(render.stderr)")
  }

  @Test func anEndlessStreamStopsAtTheCap() throws {
    let lint = try talint(["lint", "-"], stdin: "/dev/zero", kilobytes: 1_500_000, seconds: 10)
    #expect(lint.status == 2)
    #expect(lint.stdout == "<stdin>:1:1: error: input is larger than 256 MiB [TAL003]\n")
  }

  @Test func manyEmptyDocumentsAreCapped() throws {
    // 16 MB of `---` lines: 4 million empty documents, once 1.76 GB.
    let path = try write(String(repeating: "---\n", count: 4_000_000), named: "empty.yaml")
    let lint = try talint(["lint", path], kilobytes: 1_000_000)
    #expect(lint.status == 2)
    #expect(lint.stdout == "\(path):250001:1: error: more than 250000 documents [TAL003]\n")
    let render = try talint(["render", "--patch", path], kilobytes: 1_000_000)
    #expect(render.status == 2)
    #expect(render.stderr.hasSuffix("\(path):1:1: error: \(path) cannot be merged: more than 250000 documents\n"), "\(render.stderr)")
  }
}
