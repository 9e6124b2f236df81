/// Brings any input YAML allows (UTF-8 with or without a BOM, UTF-16 LE/BE with a BOM or
/// detected from its NUL pattern) to BOM-less UTF-8, so that libyaml, the line index and the
/// comment scanner all count the same characters.
public enum InputDecoding {
  /// How input bytes are read: which encoding, after how many bytes of BOM.
  public enum Encoding: Equatable, Sendable {
    case utf8(bom: Int)
    case utf16(littleEndian: Bool, bom: Int)
  }

  /// The encoding `utf8` reads `bytes` in.
  public static func encoding(of bytes: [UInt8]) -> Encoding {
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { return .utf8(bom: 3) }
    if bytes.starts(with: [0xFF, 0xFE]) { return .utf16(littleEndian: true, bom: 2) }
    if bytes.starts(with: [0xFE, 0xFF]) { return .utf16(littleEndian: false, bom: 2) }
    // YAML 1.2 §5.2: without a BOM, a leading NUL byte pattern tells UTF-16 apart.
    if bytes.count >= 2 && bytes.count % 2 == 0 {
      if bytes[0] == 0 && bytes[1] != 0 { return .utf16(littleEndian: false, bom: 0) }
      if bytes[0] != 0 && bytes[1] == 0 && (bytes.count == 2 || bytes[3] == 0) { return .utf16(littleEndian: true, bom: 0) }
    }
    return .utf8(bom: 0)
  }

  public static func utf8(_ bytes: [UInt8]) -> [UInt8] {
    switch encoding(of: bytes) {
    case .utf8(let bom): bom == 0 ? bytes : Array(bytes.dropFirst(bom))
    case .utf16(let littleEndian, let bom): transcode(bytes.dropFirst(bom), littleEndian: littleEndian)
    }
  }

  private static func transcode(_ bytes: ArraySlice<UInt8>, littleEndian: Bool) -> [UInt8] {
    var units: [UInt16] = []
    units.reserveCapacity(bytes.count / 2)
    var index = bytes.startIndex
    while index + 1 < bytes.endIndex {
      let a = UInt16(bytes[index])
      let b = UInt16(bytes[index + 1])
      units.append(littleEndian ? (b << 8 | a) : (a << 8 | b))
      index += 2
    }
    return Array(String(decoding: units, as: UTF16.self).utf8)
  }
}
