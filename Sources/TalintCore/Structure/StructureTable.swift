import Synchronization

/// The structure model of every release, decoded from `StructureData`: types with their
/// fields, each field and document kind marked with the releases that have it. A type is
/// decoded when a walk first reaches it (a config reaches a few dozen of the few hundred), so
/// the first lint of a process pays only for what it reads; descriptions stay in their string
/// until one is asked for.
final class StructureTable: Sendable {
  struct Field: Sendable {
    var name: String
    /// Bit `i` set: the field exists in `StructureData.releases[i]`.
    var releases: UInt16
    var shape: StructureShape
    /// Index into the descriptions, -1 for none.
    var description: Int32
    /// Bit `i` set: Talos marks the field deprecated in that release.
    var deprecatedIn: UInt16
    var values: [String]
    var deprecation: String
  }

  struct Kind: Sendable {
    var name: String
    var releases: UInt16
    var root: Int
  }

  let kinds: [Kind]
  /// Each type's fields once decoded, by type index.
  private let decoded: Mutex<[[Field]?]>

  static let shared = StructureTable()

  private init() {
    kinds = Self.lines(StructureData.kinds).map { columns in
      Kind(name: columns.text(0), releases: UInt16(columns.number(1, radix: 16)), root: columns.number(2, radix: 10))
    }
    decoded = Mutex(Array(repeating: nil, count: StructureData.types.count))
  }

  /// The fields of type `index` (every release's).
  func fields(_ index: Int) -> [Field] {
    decoded.withLock { decoded in
      if let fields = decoded[index] { return fields }
      let fields = Self.lines(StructureData.types[index]).dropFirst().map(Self.field)
      decoded[index] = fields
      return fields
    }
  }

  private static func field(_ columns: Columns) -> Field {
    let values = columns.isEmpty(5) ? [] : columns.text(5).split(separator: ",").map { String($0).replacingBytes("%2C", with: ",") }
    return Field(
      name: columns.text(0), releases: UInt16(columns.number(1, radix: 16)), shape: StructureShape(code: columns.text(2)),
      description: columns.isEmpty(3) ? -1 : Int32(columns.number(3, radix: 10)), deprecatedIn: UInt16(columns.number(4, radix: 16)),
      values: values, deprecation: columns.text(6))
  }

  /// The tab-separated columns of a line (names and shape codes are short: their Strings hold
  /// them inline, without allocating).
  private struct Columns {
    var texts: [String]
    func isEmpty(_ index: Int) -> Bool { index >= texts.count || texts[index].isEmpty }
    func text(_ index: Int) -> String { index < texts.count ? texts[index] : "" }
    func number(_ index: Int, radix: Int) -> Int { index < texts.count ? Int(texts[index], radix: radix) ?? 0 : 0 }
  }

  /// Read as bytes: splitting the String itself would break it into grapheme clusters, which
  /// cost ten times as much, and this runs at the first lint of every process.
  private static func lines(_ text: String) -> [Columns] {
    var text = text
    return text.withUTF8 { bytes in
      var lines: [Columns] = []
      var columns: [String] = []
      var start = 0
      for index in 0...bytes.count {
        let byte = index < bytes.count ? bytes[index] : UInt8(ascii: "\n")
        guard byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n") else { continue }
        columns.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self))
        start = index + 1
        if byte == UInt8(ascii: "\n") {
          lines.append(Columns(texts: columns))
          columns.removeAll(keepingCapacity: true)
        }
      }
      return lines
    }
  }

  /// The descriptions, split once when the first is asked for (hover, `explain`), not at start.
  private static let descriptions: [Substring] = StructureData.descriptions.split(separator: "\u{1E}", omittingEmptySubsequences: false)

  func description(_ index: Int32) -> String? {
    index < 0 || Int(index) >= Self.descriptions.count ? nil : String(Self.descriptions[Int(index)])
  }
}
