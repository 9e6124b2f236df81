/// Setting locations looked up together: one walk of each document follows every path at once,
/// so a key several paths share (`machine`, `cluster.apiServer`) is looked up once, and a
/// caller that asks for dozens of fields (the plaintext-secret rule asks for 42, the
/// `extraArgs` view for 18) pays for what a config holds rather than for what it could hold.
/// Built once (`static let`): building is the costly part.
public struct SettingLocations: Sendable {
  public let locations: [SettingLocation]
  /// The paths of each scope as a trie; trie ends name indexes into `locations`.
  let v1alpha1: PathTrie?
  /// By document kind. Few per set (most have none): compared, not hashed, as every find
  /// asks once per kind a file holds.
  let typed: [(kind: String, trie: PathTrie)]
  let schematic: PathTrie?

  public init(_ locations: [SettingLocation]) {
    self.locations = locations
    func trie(_ scope: SettingLocation.Scope, kind: String = "") -> PathTrie? {
      var trie = PathTrie()
      for (index, location) in locations.enumerated() where location.scope == scope && location.kind == kind {
        trie.insert(location.path, as: index)
      }
      return trie.isEmpty ? nil : trie
    }
    v1alpha1 = trie(.v1alpha1)
    schematic = trie(.schematic)
    var typed: [(kind: String, trie: PathTrie)] = []
    for location in locations where location.scope == .typed && !typed.contains(where: { $0.kind == location.kind }) {
      if let trie = trie(.typed, kind: location.kind) { typed.append((location.kind, trie)) }
    }
    self.typed = typed
  }
}

/// Several location sets walked as one: the views a config is read into and the slots its
/// rules declare share the keys on their way (`machine`, `cluster.apiServer`), so one walk of
/// each document serves them all, and its results are handed back set by set, numbered as in
/// each set.
struct SettingLocationGroups: Sendable {
  let all: SettingLocations
  /// Where each set's locations start in `all`, and where the last one ends.
  private let starts: [Int]

  init(_ sets: [SettingLocations]) {
    var starts = [0]
    for set in sets { starts.append(starts.last! + set.locations.count) }
    all = SettingLocations(sets.flatMap(\.locations))
    self.starts = starts
  }

  /// Set `group`'s values, location by location (numbered as in the set), from what a walk of
  /// `all` found at each of its locations.
  func values(of group: Int, in byLocation: [[Found]]) -> [(location: Int, found: Found)] {
    var values: [(location: Int, found: Found)] = []
    for location in starts[group]..<starts[group + 1] {
      for found in byLocation[location] { values.append((location - starts[group], found)) }
    }
    return values
  }

  /// Set `group`'s values alone, location by location.
  func found(in group: Int, of byLocation: [[Found]]) -> [Found] {
    let locations = starts[group]..<starts[group + 1]
    // Most slots hold one location, or find nothing: no copy, no allocation.
    if locations.count == 1 { return byLocation[locations.lowerBound] }
    var values: [Found] = []
    for location in locations { values += byLocation[location] }
    return values
  }
}

/// Paths as a trie over their segments (`*` any key, `[]` any element): node 0 is the root,
/// and each node lists the locations whose path ends there.
struct PathTrie: Sendable {
  /// A step of a path, told apart once here rather than by comparing strings at every node
  /// a walk visits.
  enum Segment: Equatable, Sendable {
    case anyKey
    case anyElement
    case key(String)

    init(_ text: String) {
      switch text {
      case "*": self = .anyKey
      case "[]": self = .anyElement
      default: self = .key(text)
      }
    }
  }

  struct Node: Sendable {
    var children: [(segment: Segment, node: Int)] = []
    var ends: [Int] = []
  }
  private(set) var nodes = [Node()]
  /// The longest path inserted: what a walk's stack of steps can reach.
  private(set) var depth = 0

  var isEmpty: Bool { nodes.count == 1 && nodes[0].ends.isEmpty }

  mutating func insert(_ path: [String], as index: Int) {
    depth = max(depth, path.count)
    var current = 0
    for text in path {
      let segment = Segment(text)
      if let next = nodes[current].children.first(where: { $0.segment == segment })?.node {
        current = next
      } else {
        nodes.append(Node())
        nodes[current].children.append((segment, nodes.count - 1))
        current = nodes.count - 1
      }
    }
    nodes[current].ends.append(index)
  }
}
