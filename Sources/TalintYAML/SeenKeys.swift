/// The keys of one large mapping seen so far, by their FNV-1a hash: open addressing over two
/// flat arrays (8 bytes a slot, at most three quarters full), made for the mapping and gone
/// with it. A `Dictionary` runs SipHash on every key it is given, which on a mapping of a
/// million keys cost a third of what talint adds to libyaml's parse; here a key costs a probe
/// or two.
struct SeenKeys {
  /// The upper half of each slot's hash (the lower half chose the slot).
  private var tags: [UInt32]
  private var keys: [NodeID]
  private let mask: Int
  private static let empty = NodeID(-1)

  /// Room for `count` keys.
  init(count: Int) {
    var size = 16
    while size < count + count / 3 { size <<= 1 }
    tags = [UInt32](repeating: 0, count: size)
    keys = [NodeID](repeating: Self.empty, count: size)
    mask = size - 1
  }

  /// A key seen before whose hash may equal `hash` (the caller compares the text); when there
  /// is none, `key` is recorded under it and the answer is nil.
  mutating func first(withHash hash: UInt64, recording key: NodeID) -> NodeID? {
    let tag = UInt32(truncatingIfNeeded: hash >> 32)
    var slot = Int(truncatingIfNeeded: hash) & mask
    while keys[slot].index >= 0 {
      if tags[slot] == tag { return keys[slot] }
      slot = (slot + 1) & mask
    }
    tags[slot] = tag
    keys[slot] = key
    return nil
  }
}
