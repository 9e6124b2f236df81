/// Brings any input YAML allows (UTF-8 with or without a BOM, UTF-16 LE/BE with a BOM or
/// detected from its NUL pattern) to BOM-less UTF-8, so that libyaml, the line index and the
/// comment scanner all count the same characters.
public enum InputDecoding {
  public static func utf8(_ bytes: [UInt8]) -> [UInt8] {
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { return Array(bytes.dropFirst(3)) }
    if bytes.starts(with: [0xFF, 0xFE]) { return transcode(bytes.dropFirst(2), littleEndian: true) }
    if bytes.starts(with: [0xFE, 0xFF]) { return transcode(bytes.dropFirst(2), littleEndian: false) }
    // YAML 1.2 §5.2: without a BOM, a leading NUL byte pattern tells UTF-16 apart.
    if bytes.count >= 2 && bytes.count % 2 == 0 {
      if bytes[0] == 0 && bytes[1] != 0 { return transcode(bytes[...], littleEndian: false) }
      if bytes[0] != 0 && bytes[1] == 0 && (bytes.count == 2 || bytes[3] == 0) {
        return transcode(bytes[...], littleEndian: true)
      }
    }
    return bytes
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
