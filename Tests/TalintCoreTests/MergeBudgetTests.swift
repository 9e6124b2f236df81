import TalintCore
@testable import TalintYAML
import Testing

/// The merge engine on hostile patches (issue 19): a copy is a copy, an alias cycle is refused
/// where it is written, every node created is counted, and a list a patch appends to many times
/// grows its storage in proportion.
@Suite struct MergeBudgetTests {
  static let base = "version: v1alpha1\nmachine:\n  type: worker\n"

  func merged(_ budget: NodeBudget = NodeBudget()) throws -> MergedConfig {
    var merged = MergedConfig()
    try merged.apply(PatchInput(parsed: YAMLParser.parse(Array(Self.base.utf8)).documents, file: 0))
    merged.budget = budget
    return merged
  }

  func patch(_ text: String) -> PatchInput {
    PatchInput(parsed: YAMLParser.parse(Array(text.utf8)).documents, file: 1)
  }

  /// Every node reachable from the documents' roots, each time it is reached (up to a
  /// million: a tree that contains itself never ends).
  func reachable(_ merged: MergedConfig) -> [NodeID] {
    var found: [NodeID] = []
    var pending = merged.documents.map(\.root)
    while let node = pending.popLast(), found.count < 1_000_000 {
      found.append(node)
      switch merged.arena.content(node) {
      case .mapping(let pairs): pending += pairs.flatMap { [$0.key, $0.value] }
      case .sequence(let items): pending += items
      case .scalar, .alias: break
      }
    }
    return found
  }

  @Test func anAliasInsideTheValueItNamesIsRefusedWhereItIsWritten() throws {
    var merged = try merged()
    #expect {
      try merged.apply(patch("machine: &m\n  env: {x: *m}\n"))
    } throws: { error in
      let error = error as? MergeError
      return error?.message == "anchor value contains itself (an alias inside the value it names)" && error?.isLimit == false
        && error?.range?.start == SourcePosition(line: 2, column: 12) && error?.range?.file == 1
    }
  }

  /// An alias used twice, or to a value that replaces another, is no cycle.
  @Test func aliasesWithoutACycleMerge() throws {
    var merged = try merged()
    try merged.apply(patch("a: &a {k: v}\nmachine:\n  type: *a\n  env: *a\n  kubelet: {extraConfig: *a}\n"))
    let machine = try #require(merged.arena.value(at: ["machine"], from: merged.documents[0].root))
    for path in [["type", "k"], ["env", "k"], ["kubelet", "extraConfig", "k"]] {
      #expect(merged.arena.value(at: path, from: machine).flatMap(merged.arena.scalar) == "v", "\(path)")
    }
  }

  @Test func aJSONPatchCopyIntoItselfMakesNewNodes() throws {
    var merged = try merged()
    try merged.apply(patch("- op: copy\n  from: /machine\n  path: /machine/a\n- op: copy\n  from: /machine\n  path: /machine/b\n"))
    let nodes = reachable(merged)
    #expect(Set(nodes).count == nodes.count, "a node is reached twice: the tree shares it")
    let machine = try #require(merged.arena.value(at: ["machine"], from: merged.documents[0].root))
    #expect(merged.arena.value(at: ["b", "a", "type"], from: machine).flatMap(merged.arena.scalar) == "worker")
  }

  @Test func theNodeThatPassesTheBudgetIsBlamedAtItsLine() throws {
    // Five nodes allowed: the key, the list, a, b, c; d is the sixth.
    var merged = try merged(NodeBudget(allowance: 5))
    #expect {
      try merged.apply(patch("machine:\n  certSANs:\n    - a\n    - b\n    - c\n    - d\n"))
    } throws: { error in
      let error = error as? MergeError
      return error?.isLimit == true && error?.range?.start.line == 6 && error?.message.contains("more than 5 nodes for this machine") == true
    }
    #expect(merged.budget.created == 5)
  }

  @Test func aListAppendedToManyTimesGrowsItsStorageInProportion() throws {
    var merged = try merged()
    let input = patch("machine:\n  network:\n    extraHostEntries: [{ip: 10.0.0.9, aliases: [x]}]\n")
    let count = 5_000
    for _ in 0..<count { try merged.apply(input) }
    let machine = try #require(merged.arena.value(at: ["machine", "network", "extraHostEntries"], from: merged.documents[0].root))
    #expect(merged.arena.elements(machine).count == count)
    // Each entry holds six slots (two pairs, one list item, its list entry); the list's own
    // storage at most doubles. Copying it at every append took count² / 2.
    #expect(merged.arena.arena.children.count < 12 * count, "\(merged.arena.arena.children.count) slots")
  }

  /// Large mappings and keyed lists are matched through a table (a scan per key was
  /// quadratic): the result is the scan's.
  @Test func largeMappingsAndKeyedListsMergeAsSmallOnesDo() throws {
    var merged = try merged()
    let base = "machine:\n  sysctls:\n" + (0..<100).map { "    k\($0): \"1\"\n" }.joined()
      + "  network:\n    interfaces:\n" + (0..<100).map { "      - {interface: eth\($0), mtu: 1500}\n" }.joined()
    try merged.apply(patch(base))
    let overlay = "machine:\n  sysctls:\n" + (50..<150).map { "    k\($0): \"2\"\n" }.joined()
      + "  network:\n    interfaces:\n" + (50..<150).map { "      - {interface: eth\($0), mtu: 9000}\n" }.joined()
    try merged.apply(patch(overlay))
    let arena = merged.arena
    let machine = try #require(arena.value(at: ["machine"], from: merged.documents[0].root))
    let sysctls = try #require(arena.value(forKey: "sysctls", in: machine))
    #expect(arena.rawPairs(sysctls).compactMap { arena.scalar($0.key) } == (0..<150).map { "k\($0)" })
    #expect(arena.rawPairs(sysctls).compactMap { arena.scalar($0.value) } == Array(repeating: "1", count: 50) + Array(repeating: "2", count: 100))
    let interfaces = try #require(arena.value(at: ["network", "interfaces"], from: machine))
    let items = arena.elements(interfaces)
    #expect(items.compactMap { arena.value(forKey: "interface", in: $0).flatMap(arena.scalar) } == (0..<150).map { "eth\($0)" })
    #expect(items.compactMap { arena.value(forKey: "mtu", in: $0).flatMap(arena.scalar) } == Array(repeating: "1500", count: 50) + Array(repeating: "9000", count: 100))
  }

  @Test func largeListsOfInterfacesMatchByDeviceSelector() throws {
    var merged = try merged()
    let interfaces = { (range: Range<Int>, mtu: Int) in
      "machine:\n  network:\n    interfaces:\n" + range.map { "      - {deviceSelector: {hardwareAddr: 'aa:\($0)'}, mtu: \(mtu)}\n" }.joined()
    }
    try merged.apply(patch(interfaces(0..<100, 1500)))
    try merged.apply(patch(interfaces(50..<150, 9000)))
    let arena = merged.arena
    let list = try #require(arena.value(at: ["machine", "network", "interfaces"], from: merged.documents[0].root))
    let items = arena.elements(list)
    #expect(items.compactMap { arena.value(at: ["deviceSelector", "hardwareAddr"], from: $0).flatMap(arena.scalar) } == (0..<150).map { "aa:\($0)" })
    #expect(items.compactMap { arena.value(forKey: "mtu", in: $0).flatMap(arena.scalar) } == Array(repeating: "1500", count: 50) + Array(repeating: "9000", count: 100))
  }

  @Test func aStreamOfManyDocumentsStopsAtTheLimit() {
    let parsed = YAMLParser.parse(Array("a: 1\n---\n---\n--- ~\n---\nb: 2\n".utf8), limits: YAMLLimits(maxDocuments: 3))
    #expect(parsed.documents.count == 3)
    #expect(parsed.error?.kind == .limit)
    #expect(parsed.error?.message == "more than 3 documents")
    // The fourth document starts at line 4 (`---` on line 2 starts the second, on line 3 the third).
    #expect(parsed.error?.position == SourcePosition(line: 4, column: 1))
  }
}
