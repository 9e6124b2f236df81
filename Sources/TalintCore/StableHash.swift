/// FNV-1a, 64 bit: a hash that is the same in every run and on every machine (Swift's
/// `Hasher` is seeded per process), for fingerprints and baselines.
public enum StableHash {
  public static func hex(_ text: String) -> String {
    hex(bytes: text.utf8)
  }

  /// The hash of `bytes` as 16 hexadecimal digits.
  public static func hex(bytes: some Sequence<UInt8>) -> String {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in bytes {
      hash ^= UInt64(byte)
      hash = hash &* 0x100_0000_01b3
    }
    let digits = Array("0123456789abcdef".utf8)
    return String(decoding: (0..<16).map { digits[Int((hash >> UInt64(60 - 4 * $0)) & 0xF)] }, as: UTF8.self)
  }
}
