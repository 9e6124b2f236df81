/// A set of line numbers as one bit per line: a file of a million comment lines answers
/// "is this line in it" without hashing.
struct LineSet: Sendable {
  private var words: [UInt64] = []

  init() {}

  init(_ lines: some Sequence<Int>) {
    for line in lines { insert(line) }
  }

  var isEmpty: Bool { words.allSatisfy { $0 == 0 } }

  func contains(_ line: Int) -> Bool {
    let word = line >> 6
    return line >= 0 && word < words.count && words[word] & (1 << UInt64(line & 63)) != 0
  }

  mutating func insert(_ line: Int) {
    guard line >= 0 else { return }
    let word = line >> 6
    if word >= words.count { words += [UInt64](repeating: 0, count: word - words.count + 1) }
    words[word] |= 1 << UInt64(line & 63)
  }
}
