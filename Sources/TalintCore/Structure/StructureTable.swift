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
    for line in records.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: true) {
      let columns = line.split(separator: UInt8(ascii: "\t"), omittingEmptySubsequences: false)
      let text = { (index: Int) in index < columns.count ? String(decoding: columns[index], as: UTF8.self) : "" }
      let hex = { (index: Int) in UInt16(text(index), radix: 16) ?? 0 }
      switch line.first {
      case UInt8(ascii: "T"):
        typeNames.append(String(decoding: line.dropFirst(), as: UTF8.self))
        fields.append([])
      case UInt8(ascii: "K"):
        kinds.append(Kind(name: String(text(0).dropFirst()), releases: hex(1), root: Int(text(2)) ?? 0))
      default:
        let values = text(5).isEmpty ? [] : text(5).split(separator: ",").map { String($0).replacingBytes("%2C", with: ",") }
        fields[fields.count - 1].append(
          Field(
            name: text(0), releases: hex(1), shape: StructureShape(code: Substring(text(2))),
            description: Int32(text(3)) ?? -1, deprecatedIn: hex(4), values: values, deprecation: text(6)))
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
