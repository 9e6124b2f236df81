import TalintYAML

/// The items of a base list merged by identity (network interfaces, admission plugins…) by
/// what patch items match them on — the identity key's scalar value, or for interfaces an
/// equal `deviceSelector` — first of equal ones, as `MergedConfig.sameItem` finds them by a
/// scan. Built when both lists are large: a scan per patch item made merging two lists of
/// 10,000 interfaces take minutes.
struct ItemIndex {
  let key: String
  private var byValue: [String: Int] = [:]
  private var bySelector: [TreeValue: Int] = [:]

  /// Nil when either list is small enough to scan.
  init?(_ arena: YAMLDocument, _ items: [NodeID], key: String, patchCount: Int) {
    guard items.count > 32 && patchCount > 32 else { return nil }
    self.key = key
    for (index, item) in items.enumerated() { add(item, at: index, of: arena) }
  }

  /// The index of the first base item the patch item `item` is the same as.
  func match(_ item: NodeID, of yaml: YAMLDocument) -> Int? {
    if let value = yaml.value(forKey: key, in: item).flatMap(yaml.scalar) { return byValue[value] }
    guard key == "interface", let selector = yaml.value(forKey: "deviceSelector", in: item),
      let wanted = TreeValue(yaml, selector, limit: MergedConfig.selectorLimit)
    else { return nil }
    return bySelector[wanted]
  }

  /// Records the base item at `index` (an item added by the merge, too).
  mutating func add(_ item: NodeID, at index: Int, of arena: YAMLDocument) {
    if let value = arena.value(forKey: key, in: item).flatMap(arena.scalar), byValue[value] == nil { byValue[value] = index }
    if key == "interface", let selector = arena.value(forKey: "deviceSelector", in: item) {
      let value = TreeValue(arena, selector)
      if bySelector[value] == nil { bySelector[value] = index }
    }
  }
}
