/// The structure model of every release, decoded from `StructureData` on first use: types with
/// their fields, each field and document kind marked with the releases that have it. Decoding
/// is one pass over the bytes; descriptions stay in their string until one is asked for.
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

  let typeNames: [String]
  let fields: [[Field]]
  let kinds: [Kind]

  static let shared = StructureTable(StructureData.records)

  init(_ records: String) {
    var typeNames: [String] = []
    var fields: [[Field]] = []
    var kinds: [Kind] = []
    fields.reserveCapacity(256)
    var records = records
    // One pass over the bytes, no intermediate collections: this runs at the first lint of
    // every process, so it counts in the cold start. Names and shape codes are short enough to
    // be stored inline in their String (no allocation).
    records.withUTF8 { bytes in
      var start = 0
      while start < bytes.count {
        var end = start
        while end < bytes.count && bytes[end] != UInt8(ascii: "\n") { end += 1 }
        var columns: [Range<Int>] = []
        columns.reserveCapacity(7)
        var column = start
        for index in start...end where index == end || bytes[index] == UInt8(ascii: "\t") {
          columns.append(column..<index)
          column = index + 1
        }
        let text = { (index: Int) -> String in
          index < columns.count ? String(decoding: UnsafeBufferPointer(rebasing: bytes[columns[index]]), as: UTF8.self) : ""
        }
        let number = { (index: Int, radix: Int) -> Int in
          guard index < columns.count else { return 0 }
          var value = 0
          for byte in bytes[columns[index]] {
            let digit = byte <= UInt8(ascii: "9") ? Int(byte) - 48 : Int(byte | 0x20) - 87
            value = value * radix + digit
          }
          return value
        }
        switch bytes[start] {
        case UInt8(ascii: "T"):
          typeNames.append(String(text(0).dropFirst()))
          fields.append([])
        case UInt8(ascii: "K"):
          kinds.append(Kind(name: String(text(0).dropFirst()), releases: UInt16(number(1, 16)), root: number(2, 10)))
        default:
          let values = columns.count > 5 && !columns[5].isEmpty
            ? text(5).split(separator: ",").map { String($0).replacingBytes("%2C", with: ",") } : []
          let description = columns.count > 3 && !columns[3].isEmpty ? Int32(number(3, 10)) : -1
          fields[fields.count - 1].append(
            Field(
              name: text(0), releases: UInt16(number(1, 16)), shape: StructureShape(code: text(2)), description: description,
              deprecatedIn: UInt16(number(4, 16)), values: values, deprecation: columns.count > 6 && !columns[6].isEmpty ? text(6) : ""))
        }
        start = end + 1
      }
    }
    self.typeNames = typeNames
    self.fields = fields
    self.kinds = kinds
  }

  /// The descriptions, split once when the first is asked for (hover, `explain`), not at start.
  private static let descriptions: [Substring] = StructureData.descriptions.split(separator: "\u{1E}", omittingEmptySubsequences: false)

  func description(_ index: Int32) -> String? {
    index < 0 || Int(index) >= Self.descriptions.count ? nil : String(Self.descriptions[Int(index)])
  }
}
